"""The command line against CPython's: the same invocations of `python3` and
of Taipan give the same stdout, stderr and exit status.

    python3 tests/cli.py --taipan target/ci/taipan
"""
import argparse
import os
import subprocess
import sys
import tempfile

SCRIPT = "import sys\nprint(sys.argv, __name__, __debug__)\nprint(sys.flags.optimize, sys.flags.dont_write_bytecode, sys.flags.isolated)\n"

CASES = [
    # (arguments after the interpreter, stdin)
    (["-c", "print('hi'); import sys; print(sys.argv)", "a", "b"], None),
    (["-c", "raise SystemExit(3)"], None),
    (["-c", "import sys; sys.exit('bye')"], None),
    (["-c", "import sys; sys.exit(None)"], None),
    (["-c", "1/0"], None),
    (["-c", "x ="], None),
    (["-O", "-c", "assert False, 'no'; print(__debug__)"], None),
    (["-OO", "-c", "def f():\n    'doc'\nprint(f.__doc__, __debug__)"], None),
    (["-B", "-c", "import sys; print(sys.dont_write_bytecode)"], None),
    (["-I", "-c", "import sys; print(sys.flags.isolated, sys.flags.ignore_environment)"], None),
    (["-E", "-u", "-c", "import sys; print(sys.flags.ignore_environment)"], None),
    (["-X", "dev", "-c", "print('x-option accepted')"], None),
    (["-W", "error", "-c", "print('warning options accepted')"], None),
    (["-"], "print('from stdin')\nimport sys\nprint(sys.argv)\n"),
    (["-", "arg1"], "import sys\nprint(sys.argv)\n"),
    ([], "print(6 * 7)\n"),
    (["{script}", "x", "--flag"], None),
    (["-O", "{script}"], None),
    (["-c", "print(input('prompt> '))"], "typed line\n"),
    (["-c", "input()"], ""),
    (["-c", "import sys; print(sys.stdin.read().upper(), end='')"], "two\nlines\n"),
    (["-q", "-c", "pass"], None),
    (["-Z"], None),
    (["-c"], None),
]


def run(interpreter, args, stdin, script):
    argv = [interpreter] + [a.replace("{script}", script) for a in args]
    p = subprocess.run(argv, input=(stdin or "").encode(), capture_output=True, timeout=30,
                       env={**os.environ, "PYTHONHASHSEED": "0"})
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    # The program's own name appears in usage messages.
    err = err.replace(os.path.basename(interpreter), "PROG")
    err = err.replace(interpreter, "PROG")
    return out, err, p.returncode


def normalize_usage(err):
    """Usage errors: both print the offending option and exit 2; the help
    text itself is each program's own."""
    lines = err.splitlines()
    return lines[0] if lines else ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--taipan", required=True)
    opts = ap.parse_args()
    taipan = os.path.abspath(opts.taipan)
    failures = 0
    with tempfile.TemporaryDirectory() as d:
        script = os.path.join(d, "script.py")
        with open(script, "w") as f:
            f.write(SCRIPT)
        for args, stdin in CASES:
            expected = run(sys.executable, args, stdin, script)
            actual = run(taipan, args, stdin, script)
            if args and args[0] in ("-Z", "-c") and len(args) == 1:
                expected = (expected[0], normalize_usage(expected[1]), expected[2])
                actual = (actual[0], normalize_usage(actual[1]), actual[2])
            if expected != actual:
                failures += 1
                print("DIFFERENT:", args, repr(stdin))
                print("  python3:", expected)
                print("  taipan: ", actual)
    print("command line: %d/%d invocations match CPython" % (len(CASES) - failures, len(CASES)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
