# Assignment expressions inside comprehensions bind in the enclosing scope.
data = [5, 12, 3, 20, 8]
big = [y for x in data if (y := x * 2) > 15]
print(big, y)
total = 0
running = [(total := total + x) for x in data]
print(running, total)
def in_function():
    [last := i for i in range(4)]
    return last
print(in_function())
def nested():
    inner_list = [[(found := j) for j in range(i)] for i in range(4)]
    return inner_list, found
print(nested())
print(any((hit := w).startswith("b") for w in ["apple", "banana", "cherry"]), hit)
for src in ["[i := 0 for i in range(3)]", "[(i := 0) for i in range(3)]",
            "class K:\n    [(z := 1) for _ in range(2)]\n", "[(j := 1) for _ in range(2) for j in range(2)]",
            "[x for x in (y := [1, 2])]"]:
    try:
        compile(src, "<comp>", "exec")
        print("compiled:", repr(src))
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
