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

# The standard streams (buffering, interleaving of stdout and stderr on one
# pipe, encodings, flushing at exit): (arguments, stdin, options) where the
# options are "env" (variables to set, None to remove), "merge" (stderr into
# stdout), "stdout" (a file to write stdout to) and "shell" (a redirection
# such as "2>/dev/null" appended to the command line). (A closed descriptor
# 0, 1 or 2 cannot be tested: Rust's runtime reopens them on /dev/null
# before main, where CPython makes that stream None.)
INTERLEAVE = ("import sys\nprint('out1')\nprint('err1', file=sys.stderr)\nprint('out2')\n"
              "sys.stderr.write('err2\\n')\nprint('out3', flush=True)\nprint('err3', file=sys.stderr)\n"
              "sys.stdout.buffer.write(b'bytes\\n')\nprint('out4')")
BUFFERED = {"PYTHONUNBUFFERED": None}
STREAM_CASES = [
    (["-c", INTERLEAVE], None, {"env": BUFFERED, "merge": True}),
    (["-u", "-c", INTERLEAVE], None, {"env": BUFFERED, "merge": True}),
    (["-c", INTERLEAVE], None, {"env": {"PYTHONUNBUFFERED": "1"}, "merge": True}),
    (["-c", "print('a'); 1/0"], None, {"env": BUFFERED, "merge": True}),
    (["-"], "print('a')\nimport sys\nprint('e', file=sys.stderr)\n1/0\n", {"env": BUFFERED, "merge": True}),
    (["-"], "print('a')\nimport sys\nsys.exit('bye')\n", {"env": BUFFERED, "merge": True}),
    (["-c", "print('a')\nimport sys\nsys.exit('bye')"], None, {"env": BUFFERED, "merge": True}),
    (["-c", "import sys; sys.stdout.reconfigure(line_buffering=True); print('x'); print('y', file=sys.stderr); print('z')"],
     None, {"env": BUFFERED, "merge": True}),
    (["-c", "import sys; sys.stderr.write('e\\n'); print(input('p> ')); print('after')"], "line\n",
     {"env": BUFFERED, "merge": True}),
    (["-c", "print('lost')"], None, {"env": BUFFERED, "stdout": "/dev/full"}),
    (["-u", "-c", "print('lost')"], None, {"env": BUFFERED, "stdout": "/dev/full"}),
    (["-c", "import sys; print([(s.encoding, s.errors) for s in (sys.stdin, sys.stdout, sys.stderr)]); print('\u00e9')"],
     None, {"env": {"PYTHONIOENCODING": "latin-1"}}),
    (["-c", "import sys; print(sys.stdout.encoding)"], None, {"env": {"PYTHONIOENCODING": "UTF8"}}),
    (["-c", "import sys; print(sys.stdout.encoding, sys.stdout.errors); print('\u00e9\u20ac')"], None,
     {"env": {"PYTHONIOENCODING": "ascii:replace"}}),
    (["-c", "import sys; print(sys.stdout.errors, sys.stderr.errors)"], None, {"env": {"PYTHONIOENCODING": ":backslashreplace"}}),
    (["-E", "-c", "import sys; print(sys.stdout.encoding, sys.stdout.errors)"], None,
     {"env": {"PYTHONIOENCODING": "latin-1", "LC_ALL": "C.UTF-8"}}),
    (["-c", "import sys; print(sys.stdout.errors, sys.stdin.errors, sys.stderr.errors)"], None,
     {"env": {"PYTHONIOENCODING": None, "LC_ALL": "C.UTF-8"}}),
    (["-c", "import sys; print('\\udcff')"], None, {"env": {"PYTHONIOENCODING": "utf-8"}, "merge": True}),
    (["-c", "import sys; sys.stderr.write('\\udcff\\n')"], None, {"env": {"PYTHONIOENCODING": "utf-8"}}),
]


def run(interpreter, args, stdin, script, options=None):
    options = options or {}
    argv = [interpreter] + [a.replace("{script}", script) for a in args]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    for k, v in options.get("env", {}).items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    stdout = subprocess.PIPE
    if "stdout" in options:
        stdout = open(options["stdout"], "wb")
    stderr = subprocess.STDOUT if options.get("merge") else subprocess.PIPE
    if "shell" in options:
        import shlex
        argv = ["/bin/sh", "-c", " ".join(shlex.quote(a) for a in argv) + " " + options["shell"]]
    p = subprocess.run(argv, input=(stdin or "").encode(), stdout=stdout, stderr=stderr, timeout=30, env=env)
    if stdout is not subprocess.PIPE:
        stdout.close()
    out = (p.stdout or b"").decode("utf-8", "replace")
    err = (p.stderr or b"").decode("utf-8", "replace")
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
        for args, stdin, *options in CASES + STREAM_CASES:
            options = options[0] if options else None
            expected = run(sys.executable, args, stdin, script, options)
            actual = run(taipan, args, stdin, script, options)
            if args and args[0] in ("-Z", "-c") and len(args) == 1:
                expected = (expected[0], normalize_usage(expected[1]), expected[2])
                actual = (actual[0], normalize_usage(actual[1]), actual[2])
            if expected != actual:
                failures += 1
                print("DIFFERENT:", args, repr(stdin))
                print("  python3:", expected)
                print("  taipan: ", actual)
    total = len(CASES) + len(STREAM_CASES)
    print("command line: %d/%d invocations match CPython" % (total - failures, total))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
