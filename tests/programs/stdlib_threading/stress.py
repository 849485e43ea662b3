# 8 threads hammer a shared dict, list and set and lock-guarded counters.
import threading

ROUNDS = 20000
shared_dict = {}
shared_list = []
shared_set = set()
counter = 0
counter_lock = threading.Lock()
rcounter = [0]
rlock = threading.RLock()

def hammer(tid):
    global counter
    for i in range(ROUNDS):
        key = (tid, i % 100)
        shared_dict[key] = shared_dict.get(key, 0) + 1
        shared_list.append(i)
        if len(shared_list) > 1000:
            try:
                shared_list.pop()
            except IndexError:
                pass
        shared_set.add(i % 500)
        shared_set.discard((i + 250) % 500)
        shared_set.add((i + 250) % 500)
        with counter_lock:
            counter += 1
        if i % 10 == 0:
            with rlock:
                with rlock:
                    rcounter[0] += 1

threads = [threading.Thread(target=hammer, args=(t,)) for t in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()

print("counter", counter, counter == 8 * ROUNDS)
print("rcounter", rcounter[0])
print("dict keys", len(shared_dict), "sum", sum(shared_dict.values()))
print("set", len(shared_set))
print("list bounded", 0 < len(shared_list) <= 1008)
