"""Show CPython's and Taipan's disassembly of the code objects of FILE that
differ, side by side (a debugging aid for the compiler).

Usage: python3 tests/compiler/dis_diff.py --dump-code PATH_TO_taipan-dump-code FILE [QUALNAME...]

Taipan's code object is rebuilt from its dump by replacing the fields of
CPython's own code object, so `dis` can show it.
"""
import argparse
import dis
import difflib
import io
import os
import re
import subprocess
import sys
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import conformance  # noqa: E402
import dump_code  # noqa: E402


def eval_consts(text, nested):
    """Constants from their dump repr; `<code X>` become the nested objects."""
    codes = iter(nested)
    text = re.sub(r"<code [^>]*>", lambda m: "__CODE__", text)
    env = {"nan": float("nan"), "inf": float("inf"), "frozenset": frozenset}
    value = eval(text.replace("__CODE__", "__code__()"), {"__code__": lambda: next(codes, None), **env})
    return value


def all_codes(co):
    yield co
    for c in co.co_consts:
        if isinstance(c, types.CodeType):
            yield from all_codes(c)


def rebuild(co, fields):
    nested = [c for c in co.co_consts if isinstance(c, types.CodeType)]
    try:
        consts = eval_consts(fields["consts"], nested)
    except Exception:
        consts = co.co_consts
    names = eval(fields["names"])
    lnames = eval(fields["localsplusnames"])
    kinds = bytes.fromhex(fields["localspluskinds"])
    varnames = tuple(n for n, k in zip(lnames, kinds) if k & 0x20)
    cellvars = tuple(n for n, k in zip(lnames, kinds) if k & 0x40)
    freevars = tuple(n for n, k in zip(lnames, kinds) if k & 0x80)
    return co.replace(
        co_code=bytes.fromhex(fields["code"]),
        co_consts=tuple(consts),
        co_names=names,
        co_varnames=varnames,
        co_cellvars=cellvars,
        co_freevars=freevars,
        co_stacksize=int(fields["stacksize"]),
        co_linetable=bytes.fromhex(fields["linetable"]),
        co_exceptiontable=bytes.fromhex(fields["exceptiontable"]),
        co_nlocals=len(varnames),
    )


def disassemble(co):
    out = io.StringIO()
    dis.dis(co, file=out, depth=0)
    for ins in dis.get_instructions(co):
        pass
    lines = out.getvalue().splitlines()
    pos = [f"  @{i.offset} {i.opname} {i.positions}" for i in dis.get_instructions(co)]
    return lines + ["positions:"] + pos


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump-code", required=True)
    ap.add_argument("file")
    ap.add_argument("qualnames", nargs="*")
    args = ap.parse_args()
    with open(args.file, "rb") as f:
        top = compile(f.read(), args.file, "exec", dont_inherit=True)
    theirs = dict(conformance.parse_objects(dump_code.dump_file(args.file)))
    out = subprocess.run([args.dump_code, args.file], capture_output=True, text=True).stdout.splitlines()
    mine = dict(conformance.parse_objects(out))
    seen = {}
    for co in all_codes(top):
        head = f"{co.co_qualname} line {co.co_firstlineno}"
        seen[head] = seen.get(head, 0) + 1
        key = (head, seen[head])
        if args.qualnames and co.co_qualname not in args.qualnames:
            continue
        if key not in mine:
            print(f"=== {head}: missing in Taipan")
            continue
        if mine[key] == theirs[key]:
            continue
        print(f"=== {head}")
        a = disassemble(co)
        try:
            b = disassemble(rebuild(co, mine[key]))
        except Exception as e:
            b = [f"cannot rebuild: {e}"]
        for line in difflib.unified_diff(a, b, "cpython", "taipan", lineterm="", n=3):
            print(line)


if __name__ == "__main__":
    main()
