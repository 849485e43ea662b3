# Sets in algorithms: graph reachability, primes, Jaccard similarity.
graph = {1: {2, 3}, 2: {4}, 3: {4, 5}, 4: {6}, 5: set(), 6: set(), 7: {1}}
def reachable(start):
    seen = {start}
    frontier = [start]
    while frontier:
        node = frontier.pop()
        for nxt in graph[node]:
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return seen
print(reachable(1), reachable(5), reachable(7))
def sieve(n):
    composite = set()
    for i in range(2, int(n ** 0.5) + 1):
        if i not in composite:
            composite.update(range(i * i, n + 1, i))
    return sorted(set(range(2, n + 1)) - composite)
print(sieve(60))
def jaccard(a, b):
    a, b = set(a.split()), set(b.split())
    return len(a & b) / len(a | b)
print(round(jaccard("the cat sat on the mat", "the dog sat on the log"), 4))
friends = {"ann": {"bob", "cy"}, "bob": {"ann", "di"}, "cy": {"ann"}, "di": {"bob"}}
for person in sorted(friends):
    fof = set().union(*(friends[f] for f in friends[person])) - friends[person] - {person}
    print(person, sorted(fof))
print(sorted(set.intersection(*[{1, 2, 3}, {2, 3, 4}, {3, 4, 5}])), set.union({1}, {2}))
