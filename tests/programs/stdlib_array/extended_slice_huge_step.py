import array, sys
a = array.array('b', [1,2,3,4,5])
indices = (0, None, 1, 3, 19, 100, sys.maxsize, -1, -2, -31, -100)
for start in indices:
    for stop in indices:
        for step in indices[1:]:
            try:
                r = a[start:stop:step]
            except Exception as e:
                print(start, stop, step, e)
print("done")
