# Unhandled task exceptions: "Task exception was never retrieved" and the loop's handler.
import asyncio
import gc
import logging


class ShortHandler(logging.Handler):
    """The tracebacks differ with the _asyncio accelerator (no Python frames
    for Task.__step): print the message and the exception only."""

    def emit(self, record):
        exc = record.exc_info[1] if record.exc_info else None
        print(f"{record.name} {record.levelname}: {record.getMessage()} | {exc!r}")


logging.getLogger("asyncio").addHandler(ShortHandler())
logging.getLogger("asyncio").propagate = False


async def bad():
    raise ValueError("nobody awaits me")


async def main():
    t = asyncio.create_task(bad(), name="bad-task")
    await asyncio.sleep(0.01)
    print(t.done())
    del t
    gc.collect()
    await asyncio.sleep(0)

    loop = asyncio.get_running_loop()
    contexts = []
    loop.set_exception_handler(lambda lp, ctx: contexts.append(ctx))
    t = asyncio.create_task(bad(), name="bad-task-2")
    await asyncio.sleep(0.01)
    del t
    gc.collect()
    ctx = contexts[0]
    print(ctx["message"], repr(ctx["exception"]), sorted(ctx))
    loop.set_exception_handler(None)
    loop.call_exception_handler({"message": "custom message"})

    fut = loop.create_future()
    fut.set_exception(KeyError("lost"))
    del fut
    gc.collect()


asyncio.run(main())
print("end")
