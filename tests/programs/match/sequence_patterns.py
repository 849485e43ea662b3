# Sequence patterns: lists, tuples, star, nesting, and what counts as a sequence.
def shape(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return f"one: {x}"
        case [x, y]:
            return f"two: {x}, {y}"
        case [first, *middle, last]:
            return f"first={first} middle={middle} last={last}"
        case _:
            return "not a sequence"
for v in [[], [1], (1, 2), [1, 2, 3], range(5), "str", b"by", {1, 2}, {"a": 1}, 42, bytearray(b"ab")]:
    print(repr(v), "->", shape(v))
def nested(v):
    match v:
        case [(a, b), [c, *rest]]:
            return f"a={a} b={b} c={c} rest={rest}"
        case [[x, y], z] if x == y:
            return "guarded nested"
        case ((1, 2), 3):
            return "literal nested"
    return "no match"
print(nested([(1, 2), [3, 4, 5]]), nested([[1, 1], 0]), nested(((1, 2), 3)), nested([1, 2]))
def stars(v):
    match v:
        case [*_, 0]:
            return "ends with 0"
        case [0, *_]:
            return "starts with 0"
        case [*all_items]:
            return f"all: {all_items}"
print(stars([1, 0]), stars([0, 1]), stars((5, 6)), stars([]))
def types_of_star(v):
    match v:
        case (*items,):
            return type(items).__name__
print(types_of_star((1, 2)), types_of_star([1]))
class MySeq(list):
    pass
print(shape(MySeq([7, 8])))
import sys
print(shape(sys.argv[:1] + ["x"]) != "", shape(iter([1])))
