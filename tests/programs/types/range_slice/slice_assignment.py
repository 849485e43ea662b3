# Slice assignment and deletion semantics on list and bytearray, including extended slices.
def show(label, seq):
    print(f"{label:28} {seq}")
for factory in (list, bytearray):
    s = factory(range(10))
    s[2:4] = factory([20, 30, 40])
    show("grow middle", list(s))
    s[-3:] = factory([])
    show("delete tail via assignment", list(s))
    s[::2] = factory(range(100, 100 + len(s[::2])))
    show("extended step 2", list(s))
    s[::-3] = factory(range(len(s[::-3])))
    show("extended step -3", list(s))
    del s[1::2]
    show("delete odds", list(s))
    s[len(s):] = factory([7, 7])
    show("append via slice", list(s))
    s[0:0] = factory([9])
    show("prepend via slice", list(s))
    try:
        s[::2] = factory([1])
    except ValueError as e:
        print("ValueError:", e)
    s[5:2] = factory([55])
    show("empty range inserts at start", list(s))
lst = [0, 1, 2, 3]
lst[1:3] = "xy"
print(lst)
lst[1:2] = range(3)
print(lst)
lst[:] = (x * 2 for x in range(3))
print(lst)
