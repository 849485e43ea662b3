# Exceptions propagating out of dunder methods called implicitly.
class BadEq:
    def __eq__(self, o): raise ValueError("eq failed")
    __hash__ = object.__hash__
class BadHash:
    def __hash__(self): raise RuntimeError("hash failed")
class BadIter:
    def __iter__(self): raise KeyError("iter failed")
class BadLen:
    def __len__(self): raise IndexError("len failed")
class BadRepr:
    def __repr__(self): raise TypeError("repr failed")
class BadBool:
    def __bool__(self): raise ArithmeticError("bool failed")
class BadGetitem:
    def __getitem__(self, i): raise LookupError("getitem failed")
def show(label, fn):
    try:
        fn()
        print(label, "no error")
    except Exception as e:
        print(label, type(e).__name__, e)
show("list.index", lambda: [BadEq()].index(1))
show("in list", lambda: 1 in [BadEq()])
show("list ==", lambda: [BadEq()] == [1])
show("dict key", lambda: {BadHash(): 1})
show("set add", lambda: set().add(BadHash()))
show("in dict", lambda: BadHash() in {})
show("list()", lambda: list(BadIter()))
show("for", lambda: [x for x in BadIter()])
show("len()", lambda: len(BadLen()))
show("bool() via len", lambda: bool(BadLen()))
show("repr()", lambda: repr(BadRepr()))
show("str() via repr", lambda: str(BadRepr()))
show("repr in list", lambda: repr([BadRepr()]))
show("f-string", lambda: f"{BadRepr()!r}")
show("if", lambda: 1 if BadBool() else 0)
show("not", lambda: not BadBool())
show("and", lambda: BadBool() and 1)
show("getitem iter", lambda: list(BadGetitem()))
show("sorted", lambda: sorted([BadEq(), BadEq()]))
show("dict eq", lambda: {1: BadEq()} == {1: BadEq()})
show("same object eq", lambda: [x := BadEq()] == [x])
