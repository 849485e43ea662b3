#!/usr/bin/env python3
"""AST conformance: every .py file of CPython 3.11's Lib, parsed by Taipan and
by CPython, must give byte-identical `ast.dump(..., include_attributes=True,
indent=1)` output; a file CPython rejects must give the error `python3 FILE`
prints.

CPython's dumps are made here, by the running python3 (never stored by hand).

    python3 tests/ast_conformance.py --taipan target/ci/taipan [--lib DIR] [-v]
"""
import argparse
import ast
import concurrent.futures
import os
import subprocess
import sys
import sysconfig
import warnings


def cpython_expectation(path):
    """('dump', text) for a file CPython parses, else ('error', stderr of python3 FILE)."""
    with open(path, "rb") as f:
        source = f.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source)
    except (SyntaxError, ValueError):
        # The file does not compile, so running it only reports the error.
        proc = subprocess.run([sys.executable, path], capture_output=True, timeout=60)
        return "error", proc.stderr.decode("utf-8", "replace")
    return "dump", ast.dump(tree, include_attributes=True, indent=1) + "\n"


def check(args):
    taipan, path = args
    kind, expected = cpython_expectation(path)
    try:
        proc = subprocess.run([taipan, "--dump-ast", path], capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return path, False, "timeout"
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        return path, False, f"exit status {proc.returncode}: {err[-2000:]}"
    if kind == "dump":
        if proc.returncode == 0 and out == expected:
            return path, True, ""
        if proc.returncode != 0:
            return path, False, "rejected a valid file:\n" + err
        return path, False, first_difference(expected, out)
    if proc.returncode == 1 and err == expected:
        return path, True, ""
    return path, False, f"expected error:\n{expected}got (status {proc.returncode}):\n{err}"


def first_difference(expected, got):
    e, g = expected.splitlines(), got.splitlines()
    for i, (a, b) in enumerate(zip(e, g)):
        if a != b:
            lo = max(0, i - 8)
            ctx = "\n".join(e[lo:i])
            return f"line {i + 1} of the dump differs:\n{ctx}\n- {a}\n+ {b}"
    return f"dump lengths differ: {len(e)} vs {len(g)} lines"


def lib_files(lib):
    out = []
    for root, dirs, files in os.walk(lib):
        dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "__pycache__"))
        for name in sorted(files):
            if name.endswith(".py"):
                out.append(os.path.join(root, name))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--taipan", required=True)
    ap.add_argument("--lib", default=sysconfig.get_paths()["stdlib"])
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--max-report", type=int, default=20)
    ap.add_argument("files", nargs="*")
    opts = ap.parse_args()
    taipan = os.path.abspath(opts.taipan)
    files = opts.files or lib_files(opts.lib)
    failures = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=opts.jobs) as pool:
        for path, ok, detail in pool.map(check, [(taipan, f) for f in files], chunksize=4):
            if not ok:
                failures.append((path, detail))
                if opts.verbose:
                    print(f"FAIL {path}\n{detail}\n", flush=True)
    if not opts.verbose:
        for path, detail in failures[: opts.max_report]:
            print(f"FAIL {path}\n{detail}\n")
    print(f"AST conformance: {len(files) - len(failures)}/{len(files)} files match CPython 3.11")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
