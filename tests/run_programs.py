#!/usr/bin/env python3
"""Run the differential program corpus under an interpreter.

Each ``tests/programs/<category>/<name>.py`` is run exactly as
tests/gen_expected_programs.py runs it under CPython (same cwd, env, argv,
stdin, timeout) and its stdout, stderr and return code are compared with
``<name>.expected.json``.

Programs listed in tests/programs/XFAIL are known failures: they are run and
reported separately and do not fail the run.  A run whose stderr contains
"panicked at" or that died from a signal is a CRASH, always a failure.

Usage:
    python3 tests/run_programs.py --interpreter PATH [-k SUBSTR] [-j N] [-v]
"""

import argparse
import concurrent.futures
import difflib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_expected_programs import (  # noqa: E402
    PROGRAMS, ROOT, expected_path, find_programs, run_program)

DIFF_LINES = 40


def load_xfail():
    path = os.path.join(ROOT, PROGRAMS, "XFAIL")
    names = set()
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if line:
                    line = os.path.normpath(line)
                    prefix = os.path.normpath(PROGRAMS) + os.sep
                    if line.startswith(prefix):
                        line = line[len(prefix):]
                    names.add(line)
    return names


def xfail_key(rel):
    """XFAIL entries may be given relative to tests/programs or the repo root."""
    return os.path.normpath(os.path.relpath(rel, PROGRAMS))


def diff(rel, expected, actual):
    out = []
    for key in ("stdout", "stderr"):
        if expected[key] != actual[key]:
            out.extend(difflib.unified_diff(
                expected[key].splitlines(keepends=True),
                actual[key].splitlines(keepends=True),
                "expected " + key, "actual " + key))
    if expected["returncode"] != actual["returncode"]:
        out.append("returncode: expected %r, got %r\n"
                   % (expected["returncode"], actual["returncode"]))
    lines = [l if l.endswith("\n") else l + "\n\\ No newline at end of file\n"
             for l in out]
    text = "".join(lines).splitlines(keepends=True)
    if len(text) > DIFF_LINES:
        text = text[:DIFF_LINES] + ["... (%d more diff lines)\n" % (len(text) - DIFF_LINES)]
    return "".join(text)


def is_crash(actual):
    rc = actual["returncode"]
    return "panicked at" in actual["stderr"] or (rc is not None and rc < 0)


def check(interpreter, rel):
    with open(expected_path(rel), encoding="utf-8") as f:
        expected = json.load(f)
    actual = run_program(interpreter, rel)
    ok = all(expected[k] == actual[k] for k in ("stdout", "stderr", "returncode"))
    return rel, ok, is_crash(actual), expected, actual


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--interpreter", required=True, metavar="PATH",
                    help="interpreter to test (e.g. target/ci/taipan, or python3)")
    ap.add_argument("-k", metavar="SUBSTR", help="only programs whose path contains SUBSTR")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 1, metavar="N",
                    help="parallel jobs (default: cpu count)")
    ap.add_argument("-v", action="store_true", help="print every program's status")
    opts = ap.parse_args()

    interpreter = opts.interpreter
    if os.sep in interpreter and not os.path.isabs(interpreter):
        interpreter = os.path.abspath(interpreter)

    programs = find_programs(opts.k)
    missing = [p for p in programs if not os.path.exists(expected_path(p))]
    for p in missing:
        print("MISSING expectation:", p)
    programs = [p for p in programs if p not in missing]
    xfail = load_xfail()

    passed, failed, crashed, xfailed, xpassed = [], [], [], [], []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.j)) as pool:
        futures = [pool.submit(check, interpreter, rel) for rel in programs]
        for fut in futures:
            rel, ok, crash, expected, actual = fut.result()
            known = xfail_key(rel) in xfail
            if crash:
                crashed.append(rel)
                status = "CRASH"
            elif ok:
                (xpassed if known else passed).append(rel)
                status = "XPASS" if known else "ok"
            elif known:
                xfailed.append(rel)
                status = "xfail"
            else:
                failed.append(rel)
                status = "FAIL"
            if status in ("FAIL", "CRASH"):
                print("%s %s" % (status, rel))
                print(diff(rel, expected, actual), end="")
                print()
            elif opts.v:
                print("%s %s" % (status, rel))
                if status == "xfail":
                    print(diff(rel, expected, actual), end="")

    total = len(programs)
    print("passed %d/%d" % (len(passed) + len(xpassed), total))
    print("xfail: %d, unexpectedly passing: %s" % (len(xfailed), xpassed))
    if failed:
        print("failed (%d): %s" % (len(failed), failed))
    if crashed:
        print("CRASHES (%d): %s" % (len(crashed), crashed))
    return 1 if (failed or crashed or missing) else 0


if __name__ == "__main__":
    sys.exit(main())
