# for/while with else, break, continue, pass.
for i in range(3):
    pass
else:
    print("for completed, i =", i)
for i in range(10):
    if i == 3:
        break
else:
    print("not printed")
print("broke at", i)
n = 0
while n < 3:
    n += 1
else:
    print("while completed, n =", n)
while True:
    n -= 1
    if n == 0:
        break
else:
    print("not printed")
print("n =", n)
for i in range(6):
    if i % 2:
        continue
    print("even", i)
else:
    print("else after continue loop")
for i in []:
    print("never")
else:
    print("empty for else")
while False:
    pass
else:
    print("while False else")
for i in range(3):
    for j in range(3):
        if j == 2:
            break
        if i == j:
            continue
        print(i, j)
    else:
        print("inner else never")
def find(seq, target):
    for idx, v in enumerate(seq):
        if v == target:
            return idx
    else:
        return -1
print(find("abc", "c"), find("abc", "z"))
i = 0
while i < 10:
    i += 1
    if i < 8:
        continue
    print("i", i)
for x in range(3):
    try:
        if x == 1:
            continue
        print("body", x)
    finally:
        print("finally", x)
