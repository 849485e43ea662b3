# A binary heap written by hand, used to drive a discrete-event bank-queue simulation.
class Heap:
    def __init__(self):
        self.items = []
        self.counter = 0
    def push(self, priority, value):
        self.items.append((priority, self.counter, value))
        self.counter += 1
        i = len(self.items) - 1
        while i > 0:
            parent = (i - 1) // 2
            if self.items[i] < self.items[parent]:
                self.items[i], self.items[parent] = self.items[parent], self.items[i]
                i = parent
            else:
                break
    def pop(self):
        if not self.items:
            raise IndexError("pop from empty heap")
        top = self.items[0]
        last = self.items.pop()
        if self.items:
            self.items[0] = last
            i = 0
            n = len(self.items)
            while True:
                smallest = i
                for child in (2 * i + 1, 2 * i + 2):
                    if child < n and self.items[child] < self.items[smallest]:
                        smallest = child
                if smallest == i:
                    break
                self.items[i], self.items[smallest] = self.items[smallest], self.items[i]
                i = smallest
        return top[0], top[2]
    def __len__(self):
        return len(self.items)
h = Heap()
for p, v in [(5, "e"), (1, "a"), (3, "c"), (1, "a2"), (4, "d"), (2, "b"), (0, "z")]:
    h.push(p, v)
print([h.pop() for _ in range(len(h))])
try:
    h.pop()
except IndexError as e:
    print("IndexError:", e)
class LCG:
    def __init__(self, seed):
        self.state = seed
    def next(self, n):
        self.state = (self.state * 1103515245 + 12345) % 2 ** 31
        return self.state % n
rng = LCG(42)
events = Heap()
t = 0
for cid in range(12):
    t += 1 + rng.next(4)
    events.push(t, ("arrive", cid, 4 + rng.next(9)))
tellers = [None, None]
waiting = []
log = []
waits = {}
arrival_time = {}
while events:
    now, (kind, cid, service) = events.pop()
    if kind == "arrive":
        arrival_time[cid] = now
        free = [i for i, c in enumerate(tellers) if c is None]
        if free:
            tellers[free[0]] = cid
            waits[cid] = 0
            events.push(now + service, ("leave", cid, free[0]))
            log.append(f"t={now:3} customer {cid:2} arrives -> teller {free[0]}")
        else:
            waiting.append((cid, service))
            log.append(f"t={now:3} customer {cid:2} arrives -> queue (len {len(waiting)})")
    else:
        teller = service
        tellers[teller] = None
        log.append(f"t={now:3} customer {cid:2} leaves teller {teller}")
        if waiting:
            nxt, svc = waiting.pop(0)
            tellers[teller] = nxt
            waits[nxt] = now - arrival_time[nxt]
            events.push(now + svc, ("leave", nxt, teller))
            log.append(f"t={now:3} customer {nxt:2} starts at teller {teller} after waiting {waits[nxt]}")
print("\n".join(log))
print("average wait: %.2f" % (sum(waits.values()) / len(waits)), "max wait:", max(waits.values()))
def heapsort(xs):
    h = Heap()
    for x in xs:
        h.push(x, x)
    return [h.pop()[1] for _ in range(len(xs))]
data = [rng.next(100) for _ in range(20)]
print(data)
print(heapsort(data) == sorted(data), heapsort(data)[:5])
