# sys.setprofile: the events of Python frames and builtin calls.
import sys

events = []


def prof(frame, event, arg):
    if event.startswith("c_"):
        events.append((event, arg.__name__))
    else:
        events.append((event, frame.f_code.co_name, arg if event == "return" else None))


def inner(x):
    return len([x]) + x


def fails():
    raise ValueError("no")


def gen():
    yield 1
    yield 2


class C:
    def __getattr__(self, name):
        raise AttributeError(name)


def main():
    inner(1)
    try:
        fails()
    except ValueError:
        pass
    for _ in gen():
        pass
    hasattr(C(), "x")
    [].append(3)
    max(*([1, 2],))
    max([1], key=int)


sys.setprofile(prof)
main()
sys.setprofile(None)
print(sys.getprofile())
for e in events:
    print(e)


# A profile function that raises is removed.
def bad(frame, event, arg):
    raise RuntimeError("bad profiler")


sys.setprofile(bad)
try:
    inner(2)
except RuntimeError as e:
    print("RuntimeError", e)
print(sys.getprofile())
