"""Compare Taipan's code objects with CPython 3.11's, file by file and code
object by code object, and print the share that is byte-identical (overall
and per field).

Usage:
    python3 tests/compiler/conformance.py --dump-code PATH_TO_taipan-dump-code [FILES_OR_DIRS...]

Without files, every .py file of CPython's standard library (site-packages
excluded) is compared. Options:
    --show N        print the field differences of the first N differing objects
    --field NAME    with --show, only objects that differ in this field
    --list          print each file with its identical/total counts
    --optimize N    compile as python3 -O (1) or -OO (2) would
"""
import argparse
import os
import subprocess
import sys
import sysconfig
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dump_code  # noqa: E402

FIELDS = [
    "name", "argcount", "posonlyargcount", "kwonlyargcount", "stacksize", "flags", "firstlineno",
    "code", "consts", "names", "localsplusnames", "localspluskinds", "linetable", "exceptiontable",
]


def lib_files():
    stdlib = sysconfig.get_paths()["stdlib"]
    out = []
    for root, dirs, files in os.walk(stdlib):
        dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "__pycache__"))
        out.extend(os.path.join(root, f) for f in sorted(files) if f.endswith(".py"))
    return out


def expand(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                out.extend(os.path.join(root, f) for f in sorted(files) if f.endswith(".py"))
        else:
            out.append(p)
    return out


def decode_linetable(hexstr, firstlineno):
    """Each code unit's (line, end_line, col, end_col), per Objects/locations.md."""
    data = bytes.fromhex(hexstr)
    pos = 0
    line = firstlineno
    out = []

    def varint():
        nonlocal pos
        b = data[pos]; pos += 1
        val = b & 63
        shift = 0
        while b & 64:
            b = data[pos]; pos += 1
            shift += 6
            val |= (b & 63) << shift
        return val

    def svarint():
        v = varint()
        return -(v >> 1) if v & 1 else v >> 1

    while pos < len(data):
        first = data[pos]; pos += 1
        code = (first >> 3) & 15
        length = (first & 7) + 1
        if code == 15:
            loc = (None, None, None, None)
        elif code == 14:
            line += svarint()
            end = line + varint()
            col = varint() - 1
            end_col = varint() - 1
            loc = (line, end, col, end_col)
        elif code == 13:
            line += svarint()
            loc = (line, line, None, None)
        elif code >= 10:
            line += code - 10
            col = data[pos]; end_col = data[pos + 1]; pos += 2
            loc = (line, line, col, end_col)
        else:
            second = data[pos]; pos += 1
            col = code * 8 + (second >> 4)
            loc = (line, line, col, col + (second & 15))
        out.extend([loc] * length)
    return out


def show_linetable(theirs, mine, firstlineno):
    a = decode_linetable(theirs, int(firstlineno))
    b = decode_linetable(mine or "", int(firstlineno))
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else None
        y = b[i] if i < len(b) else None
        if x != y:
            print(f"    unit {i}: cpython {x} taipan {y}")


def parse_objects(lines):
    """Code objects of one file's dump: [(key, {field: value})], or an error line."""
    objs = []
    seen = Counter()
    cur = None
    for line in lines:
        if line.startswith("error "):
            return line
        if line.startswith("warning "):
            continue
        if line.startswith("code "):
            head = line[5:]
            seen[head] += 1
            cur = {}
            objs.append(((head, seen[head]), cur))
        elif line.startswith("  ") and cur is not None:
            field, _, value = line[2:].partition(": ")
            cur[field] = value
    return objs


def split_files(text):
    """`file PATH` sections of a multi-file dump."""
    out = {}
    cur = None
    for line in text.splitlines():
        if line.startswith("file "):
            cur = line[5:]
            out[cur] = []
        elif cur is not None:
            out[cur].append(line)
    return out


def run_taipan(binary, files, flags=()):
    try:
        p = subprocess.run([binary, *flags, *files], capture_output=True, text=True, timeout=600, errors="replace")
    except subprocess.TimeoutExpired:
        p = None
    if p is not None and p.returncode == 0:
        if len(files) == 1:
            return {files[0]: p.stdout.splitlines()}
        return split_files(p.stdout)
    if len(files) == 1:
        what = "timeout" if p is None else f"crash (exit {p.returncode}): {p.stderr.strip().splitlines()[-1:] }"
        return {files[0]: [f"error CRASH: {what}"]}
    mid = len(files) // 2
    out = run_taipan(binary, files[:mid], flags)
    out.update(run_taipan(binary, files[mid:], flags))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump-code", required=True)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--field")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--optimize", type=int, default=0)
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args()
    files = expand(args.paths) if args.paths else lib_files()

    total = identical = 0
    field_ok = Counter()
    errors_agree = errors_differ = 0
    shown = 0
    crashes = []
    per_file = []
    warning_files = []
    batch = 100
    for start in range(0, len(files), batch):
        chunk = files[start:start + batch]
        flags = (["--bytes"]  # compile() of the bytes, as dump_code.py does
                 + ([["", "-O", "-OO"][args.optimize]] if args.optimize else []))
        mine_all = run_taipan(args.dump_code, chunk, flags)
        for path in chunk:
            theirs_lines = dump_code.dump_file(path, args.optimize)
            mine_lines = mine_all.get(path, ["error MISSING: no output"])
            warn = lambda lines: [l for l in lines if l.startswith("warning ")]
            if warn(theirs_lines) != warn(mine_lines):
                warning_files.append((path, warn(theirs_lines), warn(mine_lines)))
            theirs = parse_objects(theirs_lines)
            mine = parse_objects(mine_lines)
            if isinstance(theirs, str) or isinstance(mine, str):
                if isinstance(mine, str) and "CRASH" in mine:
                    crashes.append((path, mine))
                if isinstance(theirs, str) and isinstance(mine, str) and theirs == mine:
                    errors_agree += 1
                else:
                    errors_differ += 1
                    if args.show and shown < args.show and not args.field:
                        shown += 1
                        print(f"--- {path}\n  cpython: {theirs if isinstance(theirs, str) else 'ok'}\n"
                              f"  taipan:  {mine if isinstance(mine, str) else 'ok'}")
                if not isinstance(theirs, str):
                    total += len(theirs)
                continue
            mine_map = dict(mine)
            file_same = 0
            for key, fields in theirs:
                total += 1
                other = mine_map.get(key, {})
                diff = [f for f in FIELDS if fields.get(f) != other.get(f)]
                for f in FIELDS:
                    if f not in diff:
                        field_ok[f] += 1
                if not diff:
                    identical += 1
                    file_same += 1
                elif args.show and shown < args.show and (not args.field or args.field in diff):
                    shown += 1
                    print(f"--- {path}: {key[0]}")
                    for f in diff:
                        if f == "linetable" and "code" not in diff:
                            print("  linetable:")
                            show_linetable(fields["linetable"], other.get("linetable"), fields["firstlineno"])
                            continue
                        print(f"  {f}:\n    cpython {fields.get(f)}\n    taipan  {other.get(f)}")
            per_file.append((path, file_same, len(theirs)))

    if args.list:
        for path, same, n in per_file:
            print(f"{same:5}/{n:<5} {path}")
    share = lambda n: f"{100.0 * n / total:6.2f}%" if total else "   n/a"
    print(f"files: {len(files)}  (compile errors: {errors_agree} agree, {errors_differ} differ; crashes: {len(crashes)})")
    print(f"code objects: {total}  byte-identical: {identical}  {share(identical)}")
    for f in FIELDS:
        print(f"  {f:16} {share(field_ok[f])}")
    print(f"files whose warnings differ: {len(warning_files)}")
    for path, a, b in warning_files[: args.show]:
        print(f"--- warnings of {path}\n  cpython {a}\n  taipan  {b}")
    for path, msg in crashes[:20]:
        print(f"crash: {path}: {msg}")


if __name__ == "__main__":
    main()
