# Literal patterns: numbers, strings, bytes, None, True, False, negative and complex.
def describe(v):
    match v:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case 2 + 3j:
            return "complex"
        case -1 - 1j:
            return "negative complex"
        case "hello":
            return "greeting"
        case "multi" "part":
            return "concatenated literal"
        case b"bytes":
            return "bytes literal"
        case None:
            return "none"
        case True:
            return "true"
        case False:
            return "false"
        case _:
            return "other " + repr(v)
for v in [0, 0.0, 2, -1, 1.5, 2 + 3j, -1 - 1j, "hello", "multipart", b"bytes", None, True, False, 1.0, "x", [0]]:
    print(repr(v), "->", describe(v))
def truthy(v):
    match v:
        case True:
            return "matched True"
        case 1:
            return "matched 1"
        case _:
            return "no"
print(truthy(True), truthy(1), truthy(1.0))
def zero(v):
    match v:
        case False:
            return "False pattern"
        case 0:
            return "0 pattern"
    return "nothing"
print(zero(0), zero(False), zero(0.0), zero(-0.0))
