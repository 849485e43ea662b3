# Sets of frozensets: power sets, family operations, canonical forms.
def power_set(items):
    result = {frozenset()}
    for x in items:
        result |= {s | {x} for s in result}
    return result
ps = power_set([1, 2, 3])
print(len(ps), sorted(sorted(s) for s in ps))
print(frozenset({1, 2}) in ps, frozenset({4}) in ps, {frozenset(): "empty"}[frozenset(set())])
family = {frozenset({1, 2}), frozenset({2, 3}), frozenset({3, 4})}
union = frozenset().union(*family)
inter = frozenset.intersection(*family)
print(sorted(union), sorted(inter), len(family))
covers = [sorted(map(sorted, combo)) for combo in [[a, b] for a in family for b in family if a != b and a | b == union]]
print(sorted(covers))
print(hash(frozenset({1, 2})) == hash(frozenset({2, 1})), frozenset({1, 2}) == {1, 2}, {frozenset({1, 2})} == {frozenset({2, 1})})
nested = frozenset({frozenset({1}), frozenset({frozenset({2})})})
print(len(nested), frozenset({frozenset({2})}) in nested)
