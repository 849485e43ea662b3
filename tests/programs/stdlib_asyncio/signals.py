# loop.add_signal_handler / remove_signal_handler (needs signal.set_wakeup_fd).
import asyncio
import os
import signal


async def main():
    loop = asyncio.get_running_loop()
    got = asyncio.Event()
    seen = []

    def on_usr1(tag):
        seen.append(tag)
        got.set()

    loop.add_signal_handler(signal.SIGUSR1, on_usr1, "usr1")
    os.kill(os.getpid(), signal.SIGUSR1)
    await asyncio.wait_for(got.wait(), 2)
    print("handler ran:", seen)

    got.clear()
    loop.call_later(0.01, os.kill, os.getpid(), signal.SIGUSR1)
    await asyncio.wait_for(got.wait(), 2)
    print("handler ran again:", seen)

    print("removed:", loop.remove_signal_handler(signal.SIGUSR1))
    print("removed twice:", loop.remove_signal_handler(signal.SIGUSR1))
    print(signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL)

    try:
        loop.add_signal_handler(signal.SIGKILL, print)
    except RuntimeError as e:
        print("RuntimeError", e)
    try:
        loop.add_signal_handler(0, print)
    except ValueError as e:
        print("ValueError", e)
    try:
        loop.add_signal_handler(signal.SIGUSR2, asyncio.sleep)
    except TypeError as e:
        print("TypeError", e)

    # SIGINT handled by the loop instead of KeyboardInterrupt
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGINT, stop.set_result, "sigint")
    signal.raise_signal(signal.SIGINT)
    print(await stop)
    loop.remove_signal_handler(signal.SIGINT)
    print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)


asyncio.run(main())
