# A linked list class with full protocol support.
class Node:
    __slots__ = ("value", "next")
    def __init__(self, value, next=None):
        self.value, self.next = value, next
class LinkedList:
    def __init__(self, items=()):
        self.head = None
        self._len = 0
        for it in reversed(list(items)):
            self.push_front(it)
    def push_front(self, v):
        self.head = Node(v, self.head)
        self._len += 1
    def append(self, v):
        node = Node(v)
        if self.head is None:
            self.head = node
        else:
            cur = self.head
            while cur.next:
                cur = cur.next
            cur.next = node
        self._len += 1
    def pop_front(self):
        if self.head is None:
            raise IndexError("pop from empty LinkedList")
        v = self.head.value
        self.head = self.head.next
        self._len -= 1
        return v
    def reverse(self):
        prev, cur = None, self.head
        while cur:
            cur.next, prev, cur = prev, cur, cur.next
        self.head = prev
        return self
    def __iter__(self):
        cur = self.head
        while cur:
            yield cur.value
            cur = cur.next
    def __len__(self): return self._len
    def __getitem__(self, i):
        if i < 0: i += len(self)
        for j, v in enumerate(self):
            if j == i: return v
        raise IndexError("LinkedList index out of range")
    def __contains__(self, v): return any(x == v for x in self)
    def __eq__(self, o): return isinstance(o, LinkedList) and list(self) == list(o)
    def __add__(self, o): return LinkedList(list(self) + list(o))
    def __repr__(self): return "LinkedList([" + ", ".join(map(repr, self)) + "])"
    def __bool__(self): return self.head is not None
ll = LinkedList([1, 2, 3])
ll.append(4)
ll.push_front(0)
print(ll, len(ll), ll[0], ll[-1], 3 in ll, 9 in ll)
print(ll.reverse(), list(ll.reverse()))
print(ll + LinkedList("ab"), ll == LinkedList(range(5)), bool(LinkedList()))
while ll:
    print("popped", ll.pop_front(), "remaining", len(ll))
try:
    ll.pop_front()
except IndexError as e:
    print("IndexError:", e)
try:
    LinkedList([1])[3]
except IndexError as e:
    print("IndexError:", e)
