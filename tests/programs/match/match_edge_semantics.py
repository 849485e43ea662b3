# Edge semantics: what is a sequence/mapping, __match_args__ validation, len checks.
class GetItemSeq:
    def __getitem__(self, i):
        return i
    def __len__(self):
        return 2
match GetItemSeq():
    case [a, b]:
        print("matched custom getitem sequence")
    case _:
        print("custom __getitem__ class is not a sequence")
match iter([1, 2]):
    case [a, b]:
        print("iterator matched")
    case _:
        print("iterators are not sequences")
match "ab":
    case [a, b]:
        print("str matched")
    case _:
        print("str is not matched by sequence patterns")
match bytearray(b"ab"):
    case [a, b]:
        print("bytearray matched")
    case _:
        print("bytearray is not matched by sequence patterns")
class BadArgs:
    __match_args__ = ["x"]
    x = 1
try:
    match BadArgs():
        case BadArgs(v):
            pass
except TypeError as e:
    print("TypeError:", e)
class LenCounter(list):
    def __len__(self):
        print("len called")
        return super().__len__()
match LenCounter([1, 2, 3]):
    case [a]:
        print("one")
    case [a, b, c]:
        print("three:", a, b, c)
class Attr:
    __match_args__ = ("v",)
    @property
    def v(self):
        print("property v read")
        return 42
match Attr():
    case Attr(41):
        print("no")
    case Attr(42):
        print("yes")
match 3.0:
    case 3:
        print("int literal matches equal float")
match 1:
    case 1.0:
        print("float literal matches equal int")
