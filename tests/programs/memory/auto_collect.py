import gc
freed = []
class Tracker:
    def __init__(self, i):
        self.i = i
        self.me = self
    def __del__(self):
        freed.append(self.i)
gc.collect()
for i in range(5000):
    Tracker(i)
print("automatic collection freed most", len(freed) > 4000)
gc.disable()
freed.clear()
for i in range(5000):
    Tracker(i)
print("disabled: nothing", len(freed))
print("collect", gc.collect() >= 5000, len(freed) >= 5000)
