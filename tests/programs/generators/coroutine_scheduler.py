# A tiny round-robin scheduler for coroutines, written by hand.
class Yield:
    def __await__(self):
        yield "yield"
class Sleep:
    def __init__(self, ticks): self.ticks = ticks
    def __await__(self):
        yield ("sleep", self.ticks)
class Scheduler:
    def __init__(self):
        self.ready = []
        self.sleeping = []
        self.time = 0
        self.results = {}
    def spawn(self, name, coro):
        self.ready.append((name, coro))
    def run(self):
        while self.ready or self.sleeping:
            if not self.ready:
                self.time = min(t for t, _, _ in self.sleeping)
                due = [s for s in self.sleeping if s[0] <= self.time]
                self.sleeping = [s for s in self.sleeping if s[0] > self.time]
                for _, name, coro in due:
                    self.ready.append((name, coro))
                continue
            name, coro = self.ready.pop(0)
            try:
                cmd = coro.send(None)
            except StopIteration as e:
                self.results[name] = e.value
                print(f"[t={self.time}] {name} finished -> {e.value!r}")
                continue
            if cmd == "yield":
                self.ready.append((name, coro))
            else:
                _, ticks = cmd
                self.sleeping.append((self.time + ticks, name, coro))
sched = Scheduler()
async def worker(name, steps):
    total = 0
    for i in range(steps):
        print(f"[t={sched.time}] {name} step {i}")
        total += i
        await Yield()
    return total
async def sleeper(name, delay):
    print(f"[t={sched.time}] {name} sleeping {delay}")
    await Sleep(delay)
    print(f"[t={sched.time}] {name} woke")
    return delay * 100
async def parent():
    a = await worker("child-inline", 2)
    await Sleep(5)
    return a + 1
sched.spawn("A", worker("A", 3))
sched.spawn("B", worker("B", 2))
sched.spawn("S1", sleeper("S1", 3))
sched.spawn("S2", sleeper("S2", 1))
sched.spawn("P", parent())
sched.run()
print(sorted(sched.results.items()))
