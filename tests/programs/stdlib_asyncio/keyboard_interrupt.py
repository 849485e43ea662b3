# Ctrl-C (SIGINT) during asyncio.run cancels the main task, then KeyboardInterrupt.
import asyncio, os, signal
async def main():
    try:
        os.kill(os.getpid(), signal.SIGINT)
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("main cancelled by SIGINT")
        raise
try:
    asyncio.run(main())
except KeyboardInterrupt:
    print("KeyboardInterrupt")
async def busy():
    await asyncio.sleep(0)
    raise ValueError("boom in task")
async def m2():
    t = asyncio.create_task(busy())
    await asyncio.sleep(0.01)
    print("task state", t.done(), repr(t.exception()))
asyncio.run(m2())
