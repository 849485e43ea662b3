"""Print CPython's code objects for FILE in the canonical dump format of
taipan-compiler's `dump_code` (crates/taipan-compiler/src/dump.rs).

Usage: python3 tests/compiler/dump_code.py [-O|-OO] FILE...
"""
import sys
import types
import warnings


def const_repr(c):
    if isinstance(c, types.CodeType):
        return f"<code {c.co_name}>"
    if type(c) is tuple:
        items = [const_repr(x) for x in c]
        if len(items) == 1:
            return f"({items[0]},)"
        return "(" + ", ".join(items) + ")"
    if type(c) is frozenset:
        if not c:
            return "frozenset()"
        return "frozenset({" + ", ".join(sorted(const_repr(x) for x in c)) + "})"
    return repr(c)


def localsplus(co):
    names = list(co.co_varnames)
    kinds = []
    cells = set(co.co_cellvars)
    for n in names:
        kinds.append(0x20 | (0x40 if n in cells else 0))
    for n in co.co_cellvars:
        if n not in co.co_varnames:
            names.append(n)
            kinds.append(0x40)
    for n in co.co_freevars:
        names.append(n)
        kinds.append(0x80)
    return tuple(names), bytes(kinds)


def dump(co, out):
    names, kinds = localsplus(co)
    out.append(f"code {co.co_qualname} line {co.co_firstlineno}")
    out.append(f"  name: {co.co_name}")
    out.append(f"  argcount: {co.co_argcount}")
    out.append(f"  posonlyargcount: {co.co_posonlyargcount}")
    out.append(f"  kwonlyargcount: {co.co_kwonlyargcount}")
    out.append(f"  stacksize: {co.co_stacksize}")
    out.append(f"  flags: 0x{co.co_flags:08x}")
    out.append(f"  firstlineno: {co.co_firstlineno}")
    out.append(f"  code: {co.co_code.hex()}")
    out.append(f"  consts: {const_repr(co.co_consts)}")
    out.append(f"  names: {co.co_names!r}")
    out.append(f"  localsplusnames: {names!r}")
    out.append(f"  localspluskinds: {kinds.hex()}")
    out.append(f"  linetable: {co.co_linetable.hex()}")
    out.append(f"  exceptiontable: {co.co_exceptiontable.hex()}")
    for c in co.co_consts:
        if isinstance(c, types.CodeType):
            dump(c, out)


def dump_file(path, optimize=0):
    with open(path, "rb") as f:
        source = f.read()
    caught = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            co = compile(source, path, "exec", dont_inherit=True, optimize=optimize)
    except SyntaxError as e:
        error = f"error {type(e).__name__}: {e.msg} ({e.lineno}, {e.offset}, {e.end_lineno}, {e.end_offset}) {e.text!r}"
    except (ValueError, RecursionError, MemoryError) as e:
        error = f"error {type(e).__name__}: {e}"
    else:
        error = None
    # The warnings issued before an error are kept, as compile() issues them.
    out = [f"warning {w.category.__name__} {w.lineno}: {w.message}" for w in caught]
    if error is not None:
        return out + [error]
    dump(co, out)
    return out


def main():
    args = sys.argv[1:]
    optimize = {"-O": 1, "-OO": 2}.get(args[0], 0) if args else 0
    files = args[1:] if optimize else args
    if not files:
        sys.exit("usage: dump_code.py [-O|-OO] FILE...")
    for path in files:
        if len(files) > 1:
            print(f"file {path}")
        print("\n".join(dump_file(path, optimize)))


if __name__ == "__main__":
    main()
