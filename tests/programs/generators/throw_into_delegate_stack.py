# A throw() passed down a chain of yield from / await reaches the innermost
# generator with the delegating frames on the stack, as send() does.
import sys
import traceback
import types

async def a():
    return await b()

async def b():
    return await c()

@types.coroutine
def c():
    try:
        yield [f.name for f in traceback.extract_stack()]
    except ZeroDivisionError:
        yield [f.name for f in traceback.extract_stack()]
    yield sys._getframe(1).f_code.co_name

coro = a()
print(coro.send(None))
print(coro.throw(ZeroDivisionError))
print(coro.send(None))
coro.close()

def outer():
    yield from inner()

def inner():
    try:
        yield 1
    except KeyError:
        yield [f.name for f in traceback.extract_stack()][-3:]

g = outer()
next(g)
print(g.throw(KeyError))
