# An event-driven simulation of async workers and a channel, driven by a hand-written loop (no asyncio).
class Sleep:
    def __init__(self, ticks):
        self.ticks = ticks
    def __await__(self):
        yield ("sleep", self.ticks)
class Channel:
    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []
    async def put(self, item):
        while len(self.items) >= self.capacity:
            await Sleep(1)
        self.items.append(item)
    async def get(self):
        while not self.items:
            await Sleep(1)
        return self.items.pop(0)
class Loop:
    def __init__(self):
        self.now = 0
        self.tasks = []
        self.seq = 0
        self.results = {}
        self.log = []
    def spawn(self, name, coro):
        self.tasks.append((self.now, self.seq, name, coro))
        self.seq += 1
    def run(self, until=1000):
        while self.tasks and self.now <= until:
            self.tasks.sort(key=lambda t: (t[0], t[1]))
            when, _, name, coro = self.tasks.pop(0)
            self.now = max(self.now, when)
            try:
                cmd = coro.send(None)
            except StopIteration as e:
                self.results[name] = e.value
                self.log.append(f"{self.now:3}: {name} finished -> {e.value!r}")
                continue
            except Exception as e:
                self.results[name] = f"error: {e}"
                self.log.append(f"{self.now:3}: {name} crashed: {type(e).__name__}: {e}")
                continue
            _, ticks = cmd
            self.tasks.append((self.now + ticks, self.seq, name, coro))
            self.seq += 1
loop = Loop()
chan = Channel(capacity=2)
async def producer(name, items, delay):
    for item in items:
        await Sleep(delay)
        await chan.put((name, item))
        loop.log.append(f"{loop.now:3}: {name} produced {item}")
    return len(items)
async def consumer(name, count, work):
    got = []
    for _ in range(count):
        who, item = await chan.get()
        loop.log.append(f"{loop.now:3}: {name} got {item} from {who}")
        await Sleep(work)
        got.append(item)
    return got
async def failing(after):
    await Sleep(after)
    raise ValueError("worker exploded")
async def supervisor():
    total = 0
    for i in range(3):
        await Sleep(4)
        total += len(chan.items)
        loop.log.append(f"{loop.now:3}: supervisor sees queue length {len(chan.items)}")
    return total
loop.spawn("p1", producer("p1", ["a", "b", "c", "d"], 1))
loop.spawn("p2", producer("p2", [1, 2, 3], 2))
loop.spawn("c1", consumer("c1", 4, 3))
loop.spawn("c2", consumer("c2", 3, 2))
loop.spawn("bad", failing(5))
loop.spawn("sup", supervisor())
loop.run()
print("\n".join(loop.log))
print("final time:", loop.now)
for name in sorted(loop.results):
    print(f"{name}: {loop.results[name]!r}")
