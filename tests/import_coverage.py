"""Which of CPython 3.11's top-level modules Taipan can import.

    python3 tests/import_coverage.py --taipan target/ci/taipan [--check] [-v]

The candidates are every top-level module and package of the installed Lib,
the extension modules of its lib-dynload and CPython's built-in modules. Each
is imported by a fresh `python3` and a fresh Taipan (one process per module,
so one failure cannot hide another). The count is over the modules CPython
itself imports here, minus those in NOT_TARGETED (each with its reason); every
failure is printed with the last line of its error.

`--check` compares the count with `tests/import_coverage.baseline` and fails
if it fell (raise the baseline when it rises: CI keeps the number from
falling).
"""
import argparse
import concurrent.futures
import os
import subprocess
import sys
import sysconfig

HERE = os.path.dirname(os.path.abspath(__file__))
BASELINE = os.path.join(HERE, "import_coverage.baseline")

# Modules CPython has that Taipan does not aim to import, with the reason.
NOT_TARGETED = {
    "antigravity": "opens a web browser when imported",
    "this": "prints the Zen of Python when imported (imports fine; excluded to keep output quiet)",
    "__hello__": "prints when imported (frozen test module)",
    "__phello__": "frozen test package",
    "tkinter": "needs the Tk C library (_tkinter)",
    "_tkinter": "needs the Tk C library",
    "turtle": "needs tkinter",
    "turtledemo": "needs tkinter",
    "idlelib": "needs tkinter",
    "curses": "needs the curses C library (_curses)",
    "_curses": "needs the curses C library",
    "_curses_panel": "needs the curses C library",
    "readline": "needs GNU readline (Taipan's REPL has its own line editor)",
    "nis": "needs libnsl (deprecated, removed in 3.13)",
    "spwd": "needs shadow password access (deprecated, removed in 3.13)",
    "ossaudiodev": "needs OSS audio devices (deprecated, removed in 3.13)",
    "_crypt": "needs libcrypt (deprecated with crypt, removed in 3.13)",
    "crypt": "needs libcrypt (deprecated, removed in 3.13)",
    "_ctypes": "needs libffi and the C API (C API issue)",
    "ctypes": "needs _ctypes",
    "_ctypes_test": "CPython's C test extension",
    "_testinternalcapi": "CPython's internal test extension",
    "_testbuffer": "CPython's C test extension",
    "_testclinic": "CPython's C test extension",
    "_testimportmultiple": "CPython's C test extension",
    "_testmultiphase": "CPython's C test extension",
    "_xxtestfuzz": "CPython's fuzzing extension",
    "_xxsubinterpreters": "CPython's experimental subinterpreter module",
    "xxlimited": "CPython's example extension",
    "xxlimited_35": "CPython's example extension",
    "xxsubtype": "CPython's example extension",
}


def lib_dir():
    return sysconfig.get_paths()["stdlib"]


def candidates():
    lib = lib_dir()
    names = set(sys.builtin_module_names)
    for entry in os.listdir(lib):
        path = os.path.join(lib, entry)
        if entry.endswith(".py"):
            names.add(entry[:-3])
        elif os.path.isfile(os.path.join(path, "__init__.py")):
            names.add(entry)
    dynload = os.path.join(lib, "lib-dynload")
    for entry in os.listdir(dynload):
        if entry.endswith(".so"):
            names.add(entry.split(".")[0])
    names.discard("site-packages")
    return sorted(n for n in names if n.isidentifier())


def try_import(interpreter, name):
    """(ok, reason) for `import name` in a fresh process."""
    code = "import %s" % name
    try:
        p = subprocess.run([interpreter, "-c", code], stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=60, env={**os.environ, "PYTHONHASHSEED": "0"})
    except subprocess.TimeoutExpired:
        return False, "timeout after 60 s"
    if p.returncode == 0:
        return True, ""
    lines = [l for l in p.stderr.decode("utf-8", "replace").splitlines() if l.strip()]
    last = lines[-1].strip() if lines else ""
    if p.returncode < 0:
        return False, "killed by signal %d: %s" % (-p.returncode, last)
    return False, last or "exit status %d" % p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--taipan", required=True)
    ap.add_argument("--check", action="store_true", help="fail if the count fell below the baseline")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list the modules that import")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    opts = ap.parse_args()
    taipan = os.path.abspath(opts.taipan)
    names = candidates()
    with concurrent.futures.ThreadPoolExecutor(opts.jobs) as pool:
        cpython = dict(zip(names, pool.map(lambda n: try_import(sys.executable, n)[0], names)))
        targets = [n for n in names if cpython[n] and n not in NOT_TARGETED]
        results = dict(zip(targets, pool.map(lambda n: try_import(taipan, n), targets)))
    ok = [n for n in targets if results[n][0]]
    failed = [n for n in targets if not results[n][0]]
    if opts.verbose:
        print("imports: " + " ".join(ok))
    for n in failed:
        print("FAIL %-24s %s" % (n, results[n][1]))
    print()
    print("not targeted (%d):" % len(NOT_TARGETED))
    for n, why in sorted(NOT_TARGETED.items()):
        print("  %-24s %s" % (n, why))
    cpython_fails = [n for n in names if not cpython[n] and n not in NOT_TARGETED]
    if cpython_fails:
        print("CPython itself cannot import here: " + " ".join(cpython_fails))
    print()
    print("import coverage: %d/%d modules import" % (len(ok), len(targets)))
    if opts.check:
        with open(BASELINE) as f:
            baseline = int(f.read().split()[0])
        if len(ok) < baseline:
            print("import coverage fell: %d < baseline %d" % (len(ok), baseline))
            return 1
        if len(ok) > baseline:
            print("import coverage rose above the baseline %d: raise tests/import_coverage.baseline" % baseline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
