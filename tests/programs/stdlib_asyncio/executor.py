# loop.run_in_executor and asyncio.to_thread.
import asyncio
import concurrent.futures


def blocking(x):
    return x * 2


async def main():
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, blocking, 21))
    print(await asyncio.to_thread(blocking, 5))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        print(await asyncio.gather(*(loop.run_in_executor(pool, blocking, i) for i in range(4))))


asyncio.run(main())
