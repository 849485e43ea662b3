# An LRU cache built from a dict and a hand-written doubly linked list, used as a decorator.
class _Node:
    __slots__ = ("key", "value", "prev", "next")
    def __init__(self, key=None, value=None):
        self.key, self.value = key, value
        self.prev = self.next = None
class LRUCache:
    def __init__(self, capacity):
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self.capacity = capacity
        self.map = {}
        self.head = _Node()
        self.tail = _Node()
        self.head.next, self.tail.prev = self.tail, self.head
        self.hits = self.misses = self.evictions = 0
    def _unlink(self, node):
        node.prev.next, node.next.prev = node.next, node.prev
    def _push_front(self, node):
        node.next, node.prev = self.head.next, self.head
        self.head.next.prev = node
        self.head.next = node
    def get(self, key, default=None):
        node = self.map.get(key)
        if node is None:
            self.misses += 1
            return default
        self.hits += 1
        self._unlink(node)
        self._push_front(node)
        return node.value
    def put(self, key, value):
        node = self.map.get(key)
        if node:
            node.value = value
            self._unlink(node)
            self._push_front(node)
            return
        if len(self.map) >= self.capacity:
            lru = self.tail.prev
            self._unlink(lru)
            del self.map[lru.key]
            self.evictions += 1
        node = _Node(key, value)
        self.map[key] = node
        self._push_front(node)
    def keys(self):
        out, node = [], self.head.next
        while node is not self.tail:
            out.append(node.key)
            node = node.next
        return out
    def __len__(self):
        return len(self.map)
    def __repr__(self):
        return f"LRUCache({self.capacity}, keys={self.keys()}, hits={self.hits}, misses={self.misses}, evictions={self.evictions})"
c = LRUCache(3)
for k in "abc":
    c.put(k, k.upper())
print(c)
print(c.get("a"), c.get("z", "?"))
c.put("d", "D")
print(c, c.get("b"))
c.put("c", "C2")
c.put("e", "E")
print(c, [c.get(k) for k in "acde"])
try:
    LRUCache(0)
except ValueError as e:
    print("ValueError:", e)
def lru(capacity):
    def deco(fn):
        cache = LRUCache(capacity)
        sentinel = object()
        def wrapper(*args):
            result = cache.get(args, sentinel)
            if result is sentinel:
                result = fn(*args)
                cache.put(args, result)
            return result
        wrapper.cache = cache
        return wrapper
    return deco
@lru(capacity=50)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(90), fib.cache.hits, fib.cache.misses, len(fib.cache))
@lru(capacity=2)
def slow_square(n):
    print("  computing", n)
    return n * n
for n in [1, 2, 1, 3, 2, 1, 1]:
    print(n, "->", slow_square(n))
print(slow_square.cache)
