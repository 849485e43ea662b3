# Common dict idioms: counting, grouping, inverting, nested updates, defaults.
text = "the quick brown fox jumps over the lazy dog the fox"
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
by_len = {}
for w in sorted(set(text.split())):
    by_len.setdefault(len(w), []).append(w)
print(by_len)
inverse = {}
for k, v in counts.items():
    inverse.setdefault(v, set()).add(k)
print({k: sorted(v) for k, v in sorted(inverse.items())})
tree = {}
for path in ["a/b/c", "a/b/d", "a/e", "f"]:
    node = tree
    for part in path.split("/"):
        node = node.setdefault(part, {})
print(tree)
def flatten(d, prefix=""):
    out = {}
    for k, v in d.items():
        key = prefix + k
        if isinstance(v, dict) and v:
            out.update(flatten(v, key + "."))
        else:
            out[key] = v
    return out
print(flatten(tree))
matrix = {(r, c): r * c for r in range(3) for c in range(3) if r != c}
print(matrix, max(matrix, key=matrix.get), min(matrix.values()))
cache = {}
def cached_square(n):
    if n not in cache:
        cache[n] = n * n
    return cache[n]
print([cached_square(i % 4) for i in range(10)], cache)
