# frame.f_lineno set from a trace function to leave an `async for` body,
# forwards (past the loop, inside an outer `for`) and backwards: the jump
# pops the async iterator and keeps the outer loop's iterator.
import sys


class AIter:
    def __init__(self, items):
        self.items = list(items)

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.items:
            raise StopAsyncIteration
        return self.items.pop(0)


def run(coro_func, frm, to):
    output = []
    first = coro_func.__code__.co_firstlineno
    done = []

    def tracer(frame, event, arg):
        if frame.f_code is coro_func.__code__:
            if event == "line" and frame.f_lineno == first + frm and not done:
                done.append(1)
                frame.f_lineno = first + to
            return tracer
        return None

    sys.settrace(tracer)
    try:
        coro_func(output).send(None)
    except StopIteration:
        pass
    except Exception as e:
        print(type(e).__name__, e)
    finally:
        sys.settrace(None)
    print(coro_func.__name__, output)


async def forwards(output):
    for i in [1]:
        async for i in AIter([1, 2]):
            output.append(3)
            output.append(4)
        output.append(5)


async def backwards(output):
    for i in [1]:
        output.append(2)
        async for i in AIter([1]):
            output.append(4)
            output.append(5)
        output.append(6)


async def two_loops(output):
    for i in [1, 2]:
        async for j in AIter([1, 2]):
            output.append((i, j))
            output.append(4)
        output.append(5)
    output.append(6)


run(forwards, 4, 5)
run(backwards, 5, 2)
run(two_loops, 4, 5)
run(two_loops, 3, 6)
