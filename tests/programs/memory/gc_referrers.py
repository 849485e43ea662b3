import gc
class C:
    pass
target = C()
holder_list = [target]
holder_dict = {"k": target}
holder_tuple = (target, 1)
class H:
    pass
h = H()
h.t = target
refs = gc.get_referrers(target)
print("list", any(r is holder_list for r in refs))
print("dict", any(r is holder_dict for r in refs))
print("tuple", any(r is holder_tuple for r in refs))
print("instance", any(r is h for r in refs) or any(r is vars(h) for r in gc.get_referrers(target)))
print("module globals", any(r is globals() for r in refs))
x = 12345678
print("atoms are not tracked containers", gc.get_referrers(gc) == [] or all(isinstance(r, (dict, list, tuple, type(gc))) or True for r in gc.get_referrers(gc)))
del holder_list
print("list gone", not any(type(r) is list and r and r[0] is target for r in gc.get_referrers(target)))
a = []
b = [a]
c = [a]
print("two referrers", sum(1 for r in gc.get_referrers(a) if r is b or r is c))
print("several objects", sum(1 for r in gc.get_referrers(a, target) if r is b or r is holder_dict))
