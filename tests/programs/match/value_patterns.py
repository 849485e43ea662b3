# Value patterns: dotted names compared with ==.
class Color:
    RED = "red"
    GREEN = "green"
    BLUE = "blue"
class Codes:
    class HTTP:
        OK = 200
        NOT_FOUND = 404
def name(c):
    match c:
        case Color.RED:
            return "stop"
        case Color.GREEN:
            return "go"
        case Color.BLUE:
            return "calm"
        case Codes.HTTP.OK:
            return "ok"
        case Codes.HTTP.NOT_FOUND:
            return "missing"
        case _:
            return "unknown"
print([name(c) for c in ["red", "green", "blue", 200, 404, 500]])
class Eq:
    def __eq__(self, other):
        print("Eq.__eq__ called with", other)
        return other == "special"
class Consts:
    SPECIAL = Eq()
def use_eq(v):
    match v:
        case Consts.SPECIAL:
            return "matched via __eq__"
        case _:
            return "not matched"
print(use_eq("special"), use_eq("plain"))
import sys
match sys.maxsize > 0:
    case True:
        print("module attribute values work")
