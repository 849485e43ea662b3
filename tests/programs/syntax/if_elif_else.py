# if/elif/else chains and truthiness.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"
for n in [-5, 0, 3, 50, 1000]:
    print(n, classify(n))
for v in [0, 1, '', 'a', [], [0], {}, None, 0.0, 1e-300, (), set(), range(0)]:
    if v:
        print(repr(v), "truthy")
    else:
        print(repr(v), "falsy")
x = 5
if x > 1: print("one-line if")
if x > 10: print("no")
else: print("one-line else")
if x:
    if x > 3:
        if x > 4:
            print("nested deep")
if (x
    > 2):
    print("parenthesized condition")
if not x: pass
elif x == 5: print("elif after pass")
