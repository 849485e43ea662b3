# Boolean logic tables, bool() conversions, and bools as ints in containers.
for a in (False, True):
    for b in (False, True):
        print(a, b, "and", a and b, "or", a or b, "xor", a ^ b, "&", a & b, "|", a | b, "==", a == b, "<", a < b)
print([not x for x in (0, 1, "", "x", None, [], [0])])
flags = [True, False, True, True]
print(sum(flags), flags.count(True), flags.index(False), sorted(flags), max(flags), min(flags), any(flags), all(flags))
print([1, 2, 3][True], "ab"[False], {True: "t", False: "f"}[1 > 0], (False, True)[3 > 2])
print(True * "ab", [True] * 2, True + 0.5, divmod(True, True), True ** False, abs(-True), round(True))
counts = {}
for v in [True, 1, 1.0, False, 0, 0.0]:
    counts[v] = counts.get(v, 0) + 1
print(counts)
print(str(True) + str(False), repr(True), f"{False!r}", format(True, "^7"), format(True, "05d"), "%s %d %r" % (True, True, False))
print(bool.__or__(True, False), bool.__and__(True, 1), type(bool.__xor__(True, True)).__name__, True.__invert__())
