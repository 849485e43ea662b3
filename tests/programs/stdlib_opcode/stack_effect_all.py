# Every opcode (and the compiler's negative pseudo-opcodes) with a spread
# of opargs and all three jump values, as CPython 3.11 answers them.
import _opcode
import opcode

OPARGS = [None, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 255, 256, 257, 258, 511, 1000, 65535,
          2**31 - 1, -1, -2, -256, -2**31, 2**32 + 3, 2**40 + 1, 2**63 - 1]


CODES = {"invalid opcode or oparg": "I",
         "stack_effect: opcode requires oparg but oparg was not specified": "R",
         "stack_effect: opcode does not permit oparg but oparg was specified": "P"}


def effect(*args, **kw):
    try:
        return str(_opcode.stack_effect(*args, **kw))
    except (ValueError, TypeError, OverflowError) as e:
        return CODES.get(str(e)) or type(e).__name__ + ":" + str(e)


def trio(*args):
    r = [effect(*args, jump=j) for j in (None, True, False)]
    return r[0] if r[0] == r[1] == r[2] else "/".join(r)


for op in range(-12, 260):
    row = []
    for arg in OPARGS:
        args = (op,) if arg is None else (op, arg)
        row.append(trio(*args))
    name = opcode.opname[op] if 0 <= op < 256 else str(op)
    print(name, " ".join(row))

for bad in [1.5, 2**31, -2**31 - 1, "1", None]:
    print(repr(bad), effect(bad), effect(90, bad) if bad is not None else "")
print(effect(93, 0, jump=1), effect(93, 0, jump=0), effect(93, 0, jump="x"))
print(effect(1, oparg=1), effect(1, None, None, None), effect(jump=True), effect(1, x=1))
print(_opcode.get_specialization_stats())
print(opcode.stack_effect(opcode.opmap["FOR_ITER"], 3), opcode.stack_effect(opcode.opmap["FOR_ITER"], 3, jump=True))
