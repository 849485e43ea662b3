# match/case/_ are soft keywords: usable as identifiers.
match = 1
case = 2
_ = 3
print(match, case, _)
def match_fn(match, case=None):
    return match, case
print(match_fn(case=5, match=4))
type = "shadowed builtin name"
print(type)
del type
print(type(1).__name__)
class match_cls:
    case = 'attr'
print(match_cls.case)
match = [1, 2]
match match:
    case [case, _]:
        print("matched", case)
print(match[0])
_ = 'underscore'
match 5:
    case _:
        print("wildcard does not bind", _)
