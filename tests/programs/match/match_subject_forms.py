# Subject expressions: tuples without parens, star, calls, evaluated once.
def subject():
    print("subject evaluated")
    return (1, 2)
match subject():
    case (1, 3):
        print("no")
    case (1, 2):
        print("yes, evaluated once")
x, y = 1, 2
match x, y:
    case 1, 2:
        print("tuple subject without parentheses")
rest = [3, 4]
match 1, *rest:
    case (1, 3, 4):
        print("starred subject")
match [1, 2, 3]:
    case 1, *others:
        print("open sequence pattern", others)
match 5:
    case 1 | 5 if True:
        print("or with guard")
match "text":
    case str() if len(subject := "abc") == 3:
        print("walrus in guard binds", subject)
data = {"a": [1, {"b": (2, 3)}]}
match data:
    case {"a": [_, {"b": (_, last)}]}:
        print("deep destructure", last)
