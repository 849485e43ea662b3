# A binary search tree with insert, delete, search, iteration (generators), and balancing.
class Node:
    __slots__ = ("key", "value", "left", "right")
    def __init__(self, key, value):
        self.key, self.value = key, value
        self.left = self.right = None
class BST:
    def __init__(self):
        self.root = None
        self.size = 0
    def __len__(self):
        return self.size
    def __setitem__(self, key, value):
        if self.root is None:
            self.root = Node(key, value)
            self.size += 1
            return
        node = self.root
        while True:
            if key == node.key:
                node.value = value
                return
            side = "left" if key < node.key else "right"
            child = getattr(node, side)
            if child is None:
                setattr(node, side, Node(key, value))
                self.size += 1
                return
            node = child
    def __getitem__(self, key):
        node = self.root
        while node:
            if key == node.key:
                return node.value
            node = node.left if key < node.key else node.right
        raise KeyError(key)
    def __contains__(self, key):
        try:
            self[key]
            return True
        except KeyError:
            return False
    def __delitem__(self, key):
        def remove(node, key):
            if node is None:
                raise KeyError(key)
            if key < node.key:
                node.left = remove(node.left, key)
            elif key > node.key:
                node.right = remove(node.right, key)
            else:
                if node.left is None:
                    return node.right
                if node.right is None:
                    return node.left
                succ = node.right
                while succ.left:
                    succ = succ.left
                node.key, node.value = succ.key, succ.value
                node.right = remove(node.right, succ.key)
            return node
        self.root = remove(self.root, key)
        self.size -= 1
    def __iter__(self):
        stack, node = [], self.root
        while stack or node:
            while node:
                stack.append(node)
                node = node.left
            node = stack.pop()
            yield node.key
            node = node.right
    def items(self):
        def walk(n):
            if n:
                yield from walk(n.left)
                yield n.key, n.value
                yield from walk(n.right)
        return walk(self.root)
    def preorder(self):
        def walk(n):
            if n:
                yield n.key
                yield from walk(n.left)
                yield from walk(n.right)
        return list(walk(self.root))
    def height(self):
        def h(n):
            return 0 if n is None else 1 + max(h(n.left), h(n.right))
        return h(self.root)
    def range(self, lo, hi):
        def walk(n):
            if n is None:
                return
            if lo < n.key:
                yield from walk(n.left)
            if lo <= n.key <= hi:
                yield n.key
            if n.key < hi:
                yield from walk(n.right)
        return list(walk(self.root))
    def floor(self, key):
        node, best = self.root, None
        while node:
            if node.key == key:
                return key
            if node.key < key:
                best = node.key
                node = node.right
            else:
                node = node.left
        return best
    def rebalance(self):
        pairs = list(self.items())
        self.root, self.size = None, 0
        def build(lo, hi):
            if lo >= hi:
                return
            mid = (lo + hi) // 2
            self[pairs[mid][0]] = pairs[mid][1]
            build(lo, mid)
            build(mid + 1, hi)
        build(0, len(pairs))
    def render(self):
        lines = []
        def walk(n, prefix, label):
            if n:
                lines.append(f"{prefix}{label}{n.key}={n.value!r}")
                walk(n.left, prefix + "  ", "L:")
                walk(n.right, prefix + "  ", "R:")
        walk(self.root, "", "")
        return "\n".join(lines)
t = BST()
for k in [50, 30, 70, 20, 40, 60, 80, 35, 45, 65]:
    t[k] = f"v{k}"
print(len(t), list(t), t.height(), t.preorder())
print(t[35], 45 in t, 99 in t, t.range(33, 66), t.floor(64), t.floor(10), t.floor(100))
print(t.render())
t[40] = "updated"
del t[30]
del t[50]
print(len(t), list(t), t.preorder(), t[40])
try:
    del t[999]
except KeyError as e:
    print("KeyError:", e)
try:
    t[999]
except KeyError as e:
    print("KeyError:", e)
chain = BST()
for k in range(1, 32):
    chain[k] = k * k
print("degenerate height:", chain.height())
chain.rebalance()
print("balanced height:", chain.height(), "size:", len(chain), list(chain)[:5], chain.preorder()[:7])
words = BST()
for w in "the quick brown fox jumps over the lazy dog".split():
    words[w] = words[w] + 1 if w in words else 1
print(list(words.items()))
print(sum(1 for _ in words), max(words), min(words), sorted(words, key=len)[:3])
