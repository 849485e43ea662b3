import gc
gc.disable()
gc.collect()
survivors = []
class R:
    def __init__(self, name):
        self.name = name
        self.peer = None
    def __del__(self):
        print("__del__", self.name, "peer", self.peer.name if self.peer else None)
        if self.name == "a":
            survivors.append(self)
a = R("a"); b = R("b")
a.peer = b; b.peer = a
del a, b
print("collect", gc.collect())
print("survivors", [s.name for s in survivors], survivors[0].peer.name)
print("finalized", gc.is_finalized(survivors[0]), gc.is_finalized(survivors[0].peer))
survivors.clear()
print("second collect", gc.collect())
print("nothing printed again")
c = R("c"); c.peer = c
del c
print("self cycle", gc.collect())
