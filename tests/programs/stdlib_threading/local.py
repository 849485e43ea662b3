import threading

data = threading.local()
data.x = "main"
out = []

def worker(i):
    out.append(("before", i, hasattr(data, "x")))
    data.x = i
    out.append(("after", i, data.x))

ts = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
    t.join()
print(out)
print(data.x)

class MyLocal(threading.local):
    def __init__(self, v):
        self.v = v
        self.inits = getattr(self, "inits", 0) + 1

m = MyLocal(42)
seen = []
def reader():
    seen.append((m.v, m.inits))
    m.v = 7
t = threading.Thread(target=reader)
t.start()
t.join()
print(seen, m.v, m.inits)
print(sorted(vars(m)))
try:
    threading.local(1)
except TypeError as e:
    print(e)
