# Generator object attributes and lifecycle states.
def states():
    yield 1
    yield 2
def state_of(g):
    if g.gi_running:
        return "RUNNING"
    if g.gi_frame is None:
        return "CLOSED"
    if g.gi_suspended:
        return "SUSPENDED"
    return "CREATED"
g = states()
print(g.__name__, g.__qualname__, g.gi_code.co_name, type(g).__name__)
print(state_of(g))
next(g)
print(state_of(g), g.gi_frame.f_lineno)
next(g)
print(g.gi_frame.f_lineno)
list(g)
print(state_of(g))
def self_inspect():
    yield gen.gi_running
gen = self_inspect()
print(next(gen))
class Holder:
    def method_gen(self):
        yield self
print(Holder().method_gen().__qualname__)
g = states()
g.__name__ = "renamed"
print(g.__name__)
print(iter(g) is g, hasattr(g, "__next__"), hasattr(g, "send"), hasattr(g, "throw"), hasattr(g, "close"))
g.close()
print(state_of(g))
