# Instructions with EXTENDED_ARG prefixes in hot (quickened) code: locals,
# constants and names past index 255, jumps longer than 255 code units, an
# exception raised by an extended instruction, and a trace function that
# sees their lines. The prefix is an instruction of its own in the eval
# loop, which must hand the extended argument to the instruction after it.
import sys

N = 300


def make_many_locals():
    # Locals past 255: LOAD_FAST/STORE_FAST with EXTENDED_ARG.
    names = [f"v{i}" for i in range(N)]
    body = [f"    {n} = {i} + a" for i, n in enumerate(names)]
    body.append(f"    return {names[-1]} + {names[-2]} * 2 + {names[0]}")
    src = "def f(a):\n" + "\n".join(body) + "\n"
    ns = {}
    exec(src, ns)
    return ns["f"]


def make_many_constants():
    # Constants past 255: LOAD_CONST with EXTENDED_ARG (each comparison and
    # result its own constant), then a long chain of compare-and-jumps.
    lines = ["def g(i):"]
    for j in range(N):
        lines.append(f"    if i == {j * 3}:")
        lines.append(f"        return 'c{j}'")
    lines.append("    if i < 0:")
    lines.append("        return ('neg',)[i - 1]")
    lines.append("    return 'none'")
    ns = {}
    exec("\n".join(lines) + "\n", ns)
    return ns["g"]


def make_long_jumps():
    # A loop whose body is longer than 255 code units: the backward jump and
    # the loop's exit jump have EXTENDED_ARG prefixes.
    body = "\n".join(f"        x = x + {i % 7}" for i in range(200))
    src = (
        "def h(n):\n"
        "    x = 0\n"
        "    for k in range(n):\n"
        f"{body}\n"
        "        if k == 3:\n"
        "            continue\n"
        "        x = x - 1\n"
        "    return x\n"
    )
    ns = {}
    exec(src, ns)
    return ns["h"]


def make_many_names():
    # Attribute names past index 255: LOAD_ATTR/STORE_ATTR/LOAD_GLOBAL with
    # EXTENDED_ARG, specialized once warm.
    attrs = [f"a{i}" for i in range(N)]
    lines = ["def k(o):"]
    for a in attrs[:-1]:
        lines.append(f"    o.{a} = 1")
    lines.append(f"    o.{attrs[-1]} = len(attrs_list)")
    lines.append(f"    return o.{attrs[-1]} + o.{attrs[-2]} + o.{attrs[0]}")
    ns = {"attrs_list": attrs}
    exec("\n".join(lines) + "\n", ns)
    return ns["k"]


class Obj:
    pass


def main():
    f = make_many_locals()
    print("locals", [f(a) for a in range(20)][-3:])
    g = make_many_constants()
    print("constants", [g(i) for i in range(0, 900, 37)])
    h = make_long_jumps()
    print("jumps", [h(n) for n in range(12)])
    k = make_many_names()
    print("names", [k(Obj()) for _ in range(20)][-2:])
    # An error in an extended instruction: the traceback names its line.
    try:
        g(-1)
    except IndexError as e:
        tb = e.__traceback__
        while tb.tb_next:
            tb = tb.tb_next
        print("error", e, tb.tb_lineno)
    # A trace function over the extended instructions (they run unspecialized).
    lines = []

    def tracer(frame, event, arg):
        if frame.f_code is h.__code__ and event == "line":
            lines.append(frame.f_lineno)
        return tracer

    sys.settrace(tracer)
    try:
        r = h(2)
    finally:
        sys.settrace(None)
    print("traced", r, len(lines), lines[:3], lines[-3:])


main()
