import gc
print(gc.get_threshold())
print(type(gc.get_threshold()).__name__, len(gc.get_count()))
gc.set_threshold(100)
print(gc.get_threshold())
gc.set_threshold(100, 5)
print(gc.get_threshold())
gc.set_threshold(1000, 20, 30)
print(gc.get_threshold())
gc.set_threshold(0)
print(gc.get_threshold())
for bad in [(), (1, 2, 3, 4), ("a",), (1.5,)]:
    try:
        gc.set_threshold(*bad)
    except TypeError as e:
        print("TypeError:", e)
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
gc.collect()
print(gc.get_count())
class C:
    pass
junk = [C() for i in range(50)]
c0 = gc.get_count()[0]
print("count went up", c0 >= 50)
del junk
print("count went down", gc.get_count()[0] < c0)
