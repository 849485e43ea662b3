"""Byte-identical share of Taipan's code objects on the program corpus.

Usage:
    python3 tests/compiler/program_share.py --dump-code target/ci/taipan-dump-code
        [-v] [--optimize N] [--min-share PCT] [FILES_OR_DIRS...]

Every .py file under tests/programs/ (or the given files and directories) is
compiled by CPython 3.11 (`tests/compiler/dump_code.py`, in this process) and
by Taipan (`taipan-dump-code`), and each code object is compared field by
field: everything dump_code.py prints for it (counts, flags, stacksize,
co_code, consts, names, localsplus names and kinds, line table, exception
table). Prints the number of code objects, how many are byte-identical, the
share in %, and the files that differ (-v: with the first differing field of
each differing code object). Files CPython cannot compile (the corpus has
programs that must fail with SyntaxError) are counted separately: they pass
when Taipan reports the same error line.

Exit status 1 when the share is below --min-share, when a file CPython cannot
compile gets a different error from Taipan, or when Taipan's warnings differ.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import conformance  # noqa: E402
import dump_code  # noqa: E402

PROGRAMS = os.path.join(HERE, "..", "programs")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dump-code", required=True, help="path of the taipan-dump-code binary")
    ap.add_argument("-v", "--verbose", action="store_true", help="show the first differing field")
    ap.add_argument("--optimize", type=int, default=0, choices=(0, 1, 2))
    ap.add_argument("--min-share", type=float, default=None,
                    help="fail when the byte-identical share (in %%) is below this")
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args()

    paths = args.paths or [os.path.relpath(PROGRAMS)]
    files = conformance.expand(paths)
    if not files:
        sys.exit("no .py files found")
    flags = (["--bytes"]  # compile() of the bytes, as dump_code.py does
             + ([["", "-O", "-OO"][args.optimize]] if args.optimize else []))
    mine_all = conformance.run_taipan(args.dump_code, files, flags)

    total = identical = 0
    cpython_errors = errors_agree = 0
    differing = []  # (path, [(code object, first differing field)], why)
    warning_files = []
    for path in files:
        theirs_lines = dump_code.dump_file(path, args.optimize)
        mine_lines = mine_all.get(path, ["error MISSING: no output"])
        warn = lambda lines: [l for l in lines if l.startswith("warning ")]
        if warn(theirs_lines) != warn(mine_lines):
            warning_files.append((path, warn(theirs_lines), warn(mine_lines)))
        theirs = conformance.parse_objects(theirs_lines)
        mine = conformance.parse_objects(mine_lines)
        if isinstance(theirs, str):
            cpython_errors += 1
            if theirs == mine:
                errors_agree += 1
            else:
                differing.append((path, [], f"cpython: {theirs}\n      taipan:  "
                                  f"{mine if isinstance(mine, str) else 'compiles'}"))
            continue
        total += len(theirs)
        if isinstance(mine, str):
            differing.append((path, [], f"taipan: {mine}"))
            continue
        mine_map = dict(mine)
        diffs = []
        for key, fields in theirs:
            other = mine_map.get(key)
            if other is None:
                diffs.append((key, "(missing)"))
                continue
            first = next((f for f in conformance.FIELDS if fields.get(f) != other.get(f)), None)
            if first is None:
                identical += 1
            else:
                diffs.append((key, first))
        extra = len(mine) - len(theirs)
        if diffs or extra:
            differing.append((path, diffs, f"{extra:+} code objects" if extra else ""))

    share = 100.0 * identical / total if total else 100.0
    for path, diffs, why in differing:
        print(f"differs: {path}")
        if args.verbose:
            if why:
                print(f"      {why}")
            for (head, nth), field in diffs:
                suffix = f" #{nth}" if nth > 1 else ""
                print(f"    {head}{suffix}: {field}")
    for path, a, b in warning_files:
        print(f"warnings differ: {path}")
        if args.verbose:
            print(f"    cpython {a}\n    taipan  {b}")
    print(f"files: {len(files)}  (CPython cannot compile: {cpython_errors}, "
          f"Taipan gives the same error: {errors_agree})")
    print(f"code objects: {total}  byte-identical: {identical}  share: {share:.2f}%")
    print(f"files with differences: {len(differing)}  files whose warnings differ: {len(warning_files)}")

    failed = False
    if args.min_share is not None and share < args.min_share:
        print(f"FAIL: share {share:.2f}% is below the minimum {args.min_share:.2f}%")
        failed = True
    if args.min_share is not None and (errors_agree != cpython_errors or warning_files):
        print("FAIL: compile errors or warnings differ from CPython's")
        failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
