# Guards: evaluation order, side effects, bindings visible even when guard fails.
log = []
def check(tag, result):
    log.append(tag)
    return result
def run(v):
    log.clear()
    match v:
        case [x, y] if check("guard1", x > y):
            r = "descending"
        case [x, y] if check("guard2", x == y):
            r = "equal"
        case [x, y]:
            r = "ascending"
        case _:
            r = "other"
    return r, list(log)
print(run([3, 1]), run([2, 2]), run([1, 5]), run("no"))
match [10, 20]:
    case [a, b] if a > b:
        print("not taken")
    case _:
        print("guard failed but a, b bound:", a, b)
def fizz(n):
    match (n % 3, n % 5):
        case (0, 0):
            return "FizzBuzz"
        case (0, _):
            return "Fizz"
        case (_, 0):
            return "Buzz"
        case _:
            return str(n)
print(" ".join(fizz(i) for i in range(1, 16)))
def raising_guard(v):
    match v:
        case x if 1 / x > 0:
            return "positive"
        case _:
            return "non-positive"
print(raising_guard(2), raising_guard(-2))
try:
    raising_guard(0)
except ZeroDivisionError as e:
    print("guard raised:", e)
