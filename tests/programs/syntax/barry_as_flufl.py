# CO_FUTURE_BARRY_AS_BDFL (`from __future__ import barry_as_FLUFL`): `<>` is
# the not-equal operator and `!=` a SyntaxError; without it `<>` is invalid
# syntax. In 3.11 only the compile() flag changes the parse: the future
# import does not change how the rest of its own source is parsed.
CO_FUTURE_BARRY_AS_BDFL = 0x400000


def show(src, flags=0):
    try:
        code = compile(src, "<flufl>", "exec", flags)
    except SyntaxError as e:
        print("SyntaxError:", e.msg, (e.lineno, e.offset, e.end_lineno, e.end_offset), repr(e.text))
        return
    ns = {}
    exec(code, ns)
    print("ok", ns.get("r"))


show("from __future__ import barry_as_FLUFL\nr = 2 <> 3")
show("from __future__ import barry_as_FLUFL\nr = 2 != 3")
show("from __future__ import barry_as_FLUFL\nr = (1, 2 <> 2, 3 <> 4 <> 5)")
show("r = 2 <> 3")
show("r = 2 != 3")
show("r = 2 <> 3", CO_FUTURE_BARRY_AS_BDFL)
show("r = [x for x in range(3) if x != 1]", CO_FUTURE_BARRY_AS_BDFL)
show("r = [x for x in range(3) if x <> 1]", CO_FUTURE_BARRY_AS_BDFL)
show("r = 1 < 2 <> 3", CO_FUTURE_BARRY_AS_BDFL)
show("r = 1\nif r <> 2:\n    r = 'diamond'\n", CO_FUTURE_BARRY_AS_BDFL)
show("from __future__ import barry_as_FLUFL\ndef f(a):\n    return a <> 1\nr = f(1), f(2)")
show("import __future__ as f\nr = 2 <> 3")
show("from __future__ import annotations, barry_as_FLUFL\nr = 'x' <> 'y'")
# Code compiled with the flag passes it on to exec() and eval() of strings.
show(
    "from __future__ import barry_as_FLUFL\n"
    "r = [eval('5 <> 6')]\n"
    "try:\n"
    "    exec('x = 3 != 4')\n"
    "except SyntaxError as e:\n"
    "    r.append(e.msg)\n",
    CO_FUTURE_BARRY_AS_BDFL,
)
