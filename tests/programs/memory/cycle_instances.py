import gc
import weakref
gc.disable()
gc.collect()
class A:
    pass
class B:
    __slots__ = ("other", "__weakref__")
def check(label, make):
    refs = make()
    n = gc.collect()
    print(label, n, [r() is None for r in refs])
def two_plain():
    a, b = A(), A()
    a.b, b.a = b, a
    return [weakref.ref(a), weakref.ref(b)]
def slotted():
    a, b = B(), B()
    a.other, b.other = b, a
    return [weakref.ref(a), weakref.ref(b)]
def mixed():
    a, b = A(), B()
    a.x = b
    b.other = a
    return [weakref.ref(a), weakref.ref(b)]
def with_dict():
    a = A()
    a.me = a
    vars(a)
    return [weakref.ref(a)]
def through_class_attr():
    class Local:
        pass
    Local.inst = Local()
    return [weakref.ref(Local), weakref.ref(Local.inst)]
def chain_into_cycle():
    head = A()
    cur = head
    for i in range(5):
        cur.next = A()
        cur = cur.next
    cur.next = head
    return [weakref.ref(head)]
check("two instances", two_plain)
check("slotted", slotted)
check("mixed", mixed)
check("materialised __dict__", with_dict)
check("class and instance", through_class_attr)
check("ring of six", chain_into_cycle)
keep = A()
keep.me = keep
print("reachable cycle kept", gc.collect(), keep.me is keep)
