# Unary operators and their dunders.
print(-5, +5, ~5, not 5, -(-5), ~-1, -0.0, +(-0.0), -(0.0))
print(-True, +True, ~True, -False)
print(-(1+2j), +(1+2j))
print(-2**63, ~(2**100))
class U:
    def __neg__(self): return "neg"
    def __pos__(self): return "pos"
    def __invert__(self): return "inv"
    def __bool__(self): return False
u = U()
print(-u, +u, ~u, not u)
for op, val in [('-', 'str'), ('+', []), ('~', 1.5)]:
    try:
        if op == '-': -val
        elif op == '+': +val
        else: ~val
    except TypeError as e:
        print("TypeError:", e)
print(abs(-3), abs(-3.5), abs(3+4j))
