# Objects CPython refuses to pickle, with its messages (object.__reduce_ex__
# and copyreg), and descriptors that do pickle (by getattr).
import copy
import pickle


def gen():
    yield 1


class Slots:
    __slots__ = ("a",)


objects = [
    memoryview(b"ab"), gen.__code__, gen(), int.__dict__["real"], dict.__dict__["fromkeys"],
    iter(memoryview(b"ab")), property(), object.__init__, str.join, int.__add__, (1).__add__,
    Slots.__dict__["a"], Slots(),
]
for o in objects:
    for proto in (0, 1, 2, 5):
        try:
            back = pickle.loads(pickle.dumps(o, proto))
            print(type(o).__name__, proto, "->", back if "descriptor" in type(o).__name__ else type(back).__name__)
        except Exception as e:
            print(type(o).__name__, proto, type(e).__name__, e)
    try:
        copy.copy(o)
        print("copy ok")
    except Exception as e:
        print("copy", type(e).__name__, e)
