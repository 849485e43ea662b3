# Assorted statement forms: pass everywhere, nested defs, early returns.
def nothing():
    pass
print(nothing())
class Empty:
    pass
print(Empty.__name__)
for i in range(2):
    pass
while False:
    pass
if True:
    pass
else:
    pass
try:
    pass
except Exception:
    pass
finally:
    pass
print("all pass ok")
def early(n):
    if n < 0:
        return
    if n == 0:
        return 0
    return n, n
print(early(-1), early(0), early(3))
def nested_loops():
    result = []
    for i in range(3):
        def helper(x=i):
            return x * 10
        result.append(helper())
    return result
print(nested_loops())
if True:
    def conditional_def():
        return "defined in if"
print(conditional_def())
for i in range(3):
    class Dyn:
        val = i
print(Dyn.val)
x = 0
def returns_from_loop():
    for i in range(100):
        while True:
            return i
print(returns_from_loop())
def implicit_none():
    x = 1
print(implicit_none())
def multi_return():
    return 1, [2], {'three': 3}
r = multi_return()
print(r, type(r).__name__)
