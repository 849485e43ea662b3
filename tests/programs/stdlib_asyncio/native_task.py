# The _asyncio.Task type: stepping, names, cancellation counts and messages,
# errors of bad yields, stacks, the task registry and subclasses.
import asyncio
import io
import types
import _asyncio


async def child(log, n):
    for i in range(n):
        log.append(i)
        await asyncio.sleep(0)
    return n * 10


async def main():
    loop = asyncio.get_running_loop()
    log = []
    t = asyncio.create_task(child(log, 3), name="kid")
    print(type(t).__name__, t.get_name(), repr(t))
    print(t.get_coro().__qualname__, t._coro is t.get_coro(), t._must_cancel, t._fut_waiter, t._log_destroy_pending)
    print(asyncio.current_task().get_name(), t in asyncio.all_tasks())
    print(await t, log, repr(t))
    print(t in asyncio.all_tasks(), t.result(), t.done(), t.cancelled())

    # names
    t2 = asyncio.create_task(child([], 0), name=42)
    print(repr(t2.get_name()))
    t2.set_name(("a", 1))
    print(t2.get_name())
    await t2
    t3 = loop.create_task(child([], 0))
    print(t3.get_name().startswith("Task-"))
    await t3

    # cancellation: counts and messages
    fut = loop.create_future()

    async def wait_on(f):
        try:
            await f
        except asyncio.CancelledError as e:
            print("inner caught", e.args)
            raise

    t4 = asyncio.create_task(wait_on(fut))
    await asyncio.sleep(0)
    print(repr(t4).split(" wait_for=")[1])
    print(t4.cancel("first"), t4.cancelling(), t4.cancel("second"), t4.cancelling())
    print(repr(t4).split(" name=")[0])
    try:
        await t4
    except asyncio.CancelledError as e:
        print("outer caught", e.args)
    print(t4.cancelled(), t4.cancelling(), t4.uncancel(), t4.uncancel(), t4.uncancel(), fut.cancelled())
    print(t4.cancel(), repr(t4).split(" coro=")[0])

    # a task that swallows the cancellation
    async def stubborn():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            asyncio.current_task().uncancel()
            return "survived"

    t5 = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    t5.cancel()
    print(await t5, t5.cancelling())

    # cancelled right before the coroutine returns
    async def quick():
        return 1

    t6 = asyncio.create_task(quick())
    t6.cancel("early")
    try:
        await t6
    except asyncio.CancelledError as e:
        print("early", e.args, t6.cancelled())

    # errors
    async def boom():
        await asyncio.sleep(0)
        raise ValueError("boom")

    t7 = asyncio.create_task(boom())
    try:
        await t7
    except ValueError as e:
        print("ValueError", e, repr(t7).split(" coro=")[0], repr(t7.exception()))
    for m in (t7.set_result, t7.set_exception):
        try:
            m(1)
        except RuntimeError as e:
            print("RuntimeError", e)

    @types.coroutine
    def bad_yield(value):
        yield value

    async def yields(value):
        await bad_yield(value)

    def gen():
        yield 1

    for value in (None, 42, gen(), loop.create_future()):
        t8 = asyncio.create_task(yields(value))
        try:
            print("ok", await t8)
        except RuntimeError as e:
            print("RuntimeError", str(e).split(" in task ")[0].split(" with ")[0].split(": ")[0])

    async def await_self():
        await asyncio.current_task()

    t9 = asyncio.create_task(await_self())
    try:
        await t9
    except RuntimeError as e:
        print("RuntimeError", str(e).split(":")[0])

    other = asyncio.new_event_loop()
    foreign = other.create_future()

    async def wait_foreign():
        await foreign

    t10 = asyncio.create_task(wait_foreign())
    try:
        await t10
    except RuntimeError as e:
        print("RuntimeError", str(e).endswith("attached to a different loop"))
    other.close()

    # stacks
    async def sleeper():
        await asyncio.sleep(10)

    t11 = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print([f.f_code.co_name for f in t11.get_stack()], len(t11.get_stack(limit=1)))
    out = io.StringIO()
    t11.print_stack(file=out)
    print(out.getvalue().splitlines()[0].split(" name=")[0])
    t11.cancel()
    await asyncio.sleep(0)
    out = io.StringIO()
    t7.print_stack(file=out)
    lines = out.getvalue().splitlines()
    print(lines[0].split(" name=")[0], lines[-1])

    # not a coroutine
    try:
        asyncio.Task(42)
    except TypeError as e:
        print("TypeError", e)

    # registry functions
    print(asyncio.tasks._register_task is _asyncio._register_task, type(_asyncio._all_tasks).__name__)
    print(type(_asyncio._current_tasks).__name__, _asyncio._current_tasks[loop] is asyncio.current_task())
    try:
        _asyncio._enter_task(loop, t)
    except RuntimeError as e:
        print("RuntimeError", e.args[0].split(" while")[0].split(" name=")[0])
    try:
        _asyncio._leave_task(loop, t)
    except RuntimeError as e:
        print("RuntimeError", e.args[0].split(" does")[0].split(" name=")[0])
    print(_asyncio.get_running_loop() is loop, _asyncio._get_running_loop() is loop, _asyncio.get_event_loop() is loop)


asyncio.run(main())
print(_asyncio._get_running_loop())
try:
    _asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError", e)
