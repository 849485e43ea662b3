# A defaultdict and a Counter written by hand as dict subclasses.
class DefaultDict(dict):
    def __init__(self, factory, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.factory = factory
    def __missing__(self, key):
        value = self[key] = self.factory()
        return value
    def __repr__(self):
        return f"DefaultDict({self.factory.__name__}, {dict.__repr__(self)})"
groups = DefaultDict(list)
for word in "apple avocado banana blueberry cherry apricot".split():
    groups[word[0]].append(word)
print(groups, len(groups), "z" in groups, groups.get("z"), groups["z"], "z" in groups)
counts = DefaultDict(int)
for ch in "mississippi":
    counts[ch] += 1
print(counts, sorted(counts.items()))
class Counter(dict):
    def __init__(self, iterable=()):
        super().__init__()
        self.update(iterable)
    def update(self, iterable=()):
        for item in iterable:
            self[item] = self.get(item, 0) + 1
    def __missing__(self, key):
        return 0
    def most_common(self, n=None):
        items = sorted(self.items(), key=lambda kv: (-kv[1], list(self).index(kv[0])))
        return items if n is None else items[:n]
    def __add__(self, other):
        out = Counter()
        for src in (self, other):
            for k, v in src.items():
                out[k] = out[k] + v
        return out
c = Counter("abracadabra")
print(c, c["a"], c["z"], "z" in c, c.most_common(2), c.most_common())
print(c + Counter("aaz"), isinstance(c, dict), type(c.copy()).__name__)
nested = DefaultDict(lambda: DefaultDict(int))
nested["x"]["y"] += 2
nested["x"]["z"] += 1
print({k: dict(v) for k, v in nested.items()})
