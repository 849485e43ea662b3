"""CPython 3.11's own regression tests (the installed Lib/test) under Taipan.

    python3 tests/cpython/run.py --taipan target/ci/taipan [-k SUBSTR] [--cpython]
                                 [--record] [-j N]

The modules and their known failures are listed in tests/cpython/tests.txt:

    test_int
        IntTestCases.test_from_bytes: why it fails under Taipan

a module name at the start of a line, then (indented) one known failure per
line: the test's id without the `test.<module>.` prefix, a colon, the reason.
A module line may end with the marker `from-debian`: the module is not in
python3's own Lib/test (this machine's CPython 3.11.7 lacks a few test files),
so its file is taken from Debian's libpython3.11-testsuite package
(DEBIAN_TESTS, 3.11.2), still run with python3's Lib and test.support:

    test_concurrent_futures from-debian

A module passes when every test passes or is skipped by CPython's own
decorators, except the listed ones, which must still fail (a listed test that
now passes is reported, so the list stays true; a reason starting with "flaky"
marks a test whose outcome varies from run to run, allowed either way; one
starting with "skip:" is not run at all, for a test of CPython's own that can
wait minutes on a race in the test itself). A crash of the interpreter, a
timeout or a module that cannot load fails the module.

`--cpython` also runs each module under python3 and prints its counts beside
Taipan's; `--record` adds the tests that fail now to the list file, each with
its error's last line as a first reason (edit it into a real one).
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
LIST = os.path.join(HERE, "tests.txt")
DRIVER = os.path.join(HERE, "driver.py")
TIMEOUT = int(os.environ.get("TAIPAN_CPYTHON_TEST_TIMEOUT", "300"))
DEBIAN_TESTS = "/usr/lib/python3.11/test"
MARKERS = {"from-debian": DEBIAN_TESTS}


def module_line(path, lineno, line):
    """(module, extra test directory or None) of a module line."""
    name, *markers = line.split()
    if len(markers) > 1 or (markers and markers[0] not in MARKERS):
        raise SystemExit("%s:%d: a module line is a name, optionally followed by one of %s"
                         % (path, lineno, ", ".join(MARKERS)))
    return name, MARKERS[markers[0]] if markers else None


def read_list(path, with_dirs=False):
    """[(module, {test: reason})] in file order ([(module, extra dir, {...})]
    with `with_dirs`)."""
    modules = []
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if not line[0].isspace():
                modules.append((*module_line(path, lineno, line), {}))
                continue
            test, sep, reason = line.strip().partition(":")
            if not sep or not reason.strip() or not modules:
                raise SystemExit("%s:%d: a known failure needs a test id, ':' and a reason" % (path, lineno))
            modules[-1][2][test.strip()] = reason.strip()
    if with_dirs:
        return modules
    return [(name, known) for name, _, known in modules]


def read_events(path):
    """The driver's event lines folded into {"outcomes", "running", "load_error"}
    (a line cut short by a crash is ignored)."""
    data = {"outcomes": {}, "running": None, "load_error": None}
    try:
        with open(path) as f:
            lines = f.readlines()
    except OSError:
        return data
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if "outcome" in event:
            test_id, outcome, detail = event["outcome"]
            data["outcomes"][test_id] = (outcome, detail)
        else:
            data.update(event)
    return data


def run_module(interpreter, module, extra_dir=None, skip=()):
    """(outcomes, problem): outcomes maps short test ids to (outcome, detail);
    problem says why the run as a whole failed (crash, timeout, load error)."""
    if extra_dir and not os.path.exists(os.path.join(extra_dir, module + ".py")):
        return {}, "cannot load: %s.py is not in %s (apt-get install libpython3.11-testsuite)" % (
            module, extra_dir), 0.0
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.json")
        env = {**os.environ, "PYTHONHASHSEED": "0", "TMPDIR": tmp}
        env.pop("TAIPAN_EXTRA_TESTS", None)
        env["TAIPAN_SKIP_TESTS"] = "\n".join("test.%s.%s" % (module, t) for t in skip)
        if extra_dir:
            # The driver appends it to the `test` package's __path__ (in
            # multiprocessing's spawn and forkserver children too).
            env["TAIPAN_EXTRA_TESTS"] = extra_dir
        start = time.monotonic()
        try:
            p = subprocess.run([interpreter, DRIVER, module, out], stdin=subprocess.DEVNULL,
                               capture_output=True, timeout=TIMEOUT, env=env, cwd=tmp)
            status, stderr = p.returncode, p.stderr.decode("utf-8", "replace")
        except subprocess.TimeoutExpired as e:
            status, stderr = None, (e.stderr or b"").decode("utf-8", "replace")
        elapsed = time.monotonic() - start
        data = read_events(out)
    prefix = "test.%s." % module
    outcomes = {k[len(prefix):] if k.startswith(prefix) else k: tuple(v) for k, v in data["outcomes"].items()}
    problem = None
    if data.get("load_error"):
        problem = "cannot load: " + data["load_error"].strip().splitlines()[-1]
    elif status is None:
        problem = "timeout after %d s (running %s)" % (TIMEOUT, data.get("running"))
    elif status < 0 or data.get("running"):
        tail = " | ".join(stderr.strip().splitlines()[-3:])
        problem = "crashed (status %s) in %s: %s" % (status, data.get("running"), tail)
    elif status != 0:
        # The driver exits 0 once the suite has run: anything else stopped
        # it early, and the tests after that point never ran.
        problem = "exit status %d: %s" % (status, " | ".join(stderr.strip().splitlines()[-3:]))
    return outcomes, problem, elapsed


def counts(outcomes):
    c = {"pass": 0, "fail": 0, "error": 0, "skip": 0, "xfail": 0, "xpass": 0}
    for outcome, _ in outcomes.values():
        c[outcome] += 1
    return c


def fmt_counts(c):
    return "%d passed, %d failed, %d errors, %d skipped" % (
        c["pass"] + c["xfail"], c["fail"] + c["xpass"], c["error"], c["skip"])


def judge(module, known, outcomes, problem):
    """The lines that make this module fail (empty: it passes)."""
    bad = []
    if problem:
        bad.append("%s: %s" % (module, problem))
    for test, (outcome, detail) in sorted(outcomes.items()):
        failing = outcome in ("fail", "error", "xpass")
        if failing and test not in known:
            last = detail.strip().splitlines()[-1] if detail.strip() else outcome
            bad.append("%s: %s %s: %s" % (module, outcome.upper(), test, last))
        elif not failing and test in known and outcome != "skip" and not known[test].startswith("flaky"):
            bad.append("%s: %s now passes: remove it from tests/cpython/tests.txt" % (module, test))
    if not problem:
        for test in sorted(set(known) - set(outcomes)):
            bad.append("%s: listed test %s did not run (renamed?)" % (module, test))
    return bad


def record(path, module, outcomes):
    """Add the tests of `module` failing now to the list file."""
    with open(path) as f:
        lines = f.read().splitlines()
    known = dict(read_list(path)).get(module, {})
    new = []
    for test, (outcome, detail) in sorted(outcomes.items()):
        if outcome in ("fail", "error", "xpass") and test not in known:
            last = detail.strip().splitlines()[-1] if detail.strip() else outcome
            new.append("    %s: %s" % (test, last.replace("\n", " ")[:200]))
    if not new:
        return
    idx = next(i for i, l in enumerate(lines) if l.strip() and not l[0].isspace() and l.split()[0] == module)
    end = idx + 1
    while end < len(lines) and lines[end][:1].isspace() and lines[end].strip():
        end += 1
    lines[end:end] = new
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--taipan", required=True)
    ap.add_argument("-k", help="only modules whose name contains this")
    ap.add_argument("--cpython", action="store_true", help="also run python3 for its counts")
    ap.add_argument("--record", action="store_true", help="add today's failures to the list")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--list", default=LIST, help="the list file (default: tests/cpython/tests.txt)")
    opts = ap.parse_args()
    taipan = os.path.abspath(opts.taipan)
    modules = [(m, d, k) for m, d, k in read_list(opts.list, with_dirs=True) if not opts.k or opts.k in m]

    def one(entry):
        module, extra_dir, known = entry
        skip = [t for t, reason in known.items() if reason.startswith("skip:")]
        res = run_module(taipan, module, extra_dir, skip)
        ref = run_module(sys.executable, module, extra_dir, skip) if opts.cpython else None
        return module, known, res, ref

    failures = []
    total = {"pass": 0, "fail": 0, "error": 0, "skip": 0, "xfail": 0, "xpass": 0}
    green = 0
    with concurrent.futures.ThreadPoolExecutor(opts.jobs) as pool:
        for module, known, (outcomes, problem, elapsed), ref in pool.map(one, modules):
            c = counts(outcomes)
            for k in total:
                total[k] += c[k]
            bad = judge(module, known, outcomes, problem)
            line = "%-6s %-28s %s, %d known (%.1f s)" % ("ok" if not bad else "FAIL", module, fmt_counts(c),
                                                         len(known), elapsed)
            if ref is not None:
                line += "   | CPython: %s" % fmt_counts(counts(ref[0]))
            print(line, flush=True)
            if opts.record:
                record(opts.list, module, outcomes)
            failures.extend(bad)
            green += not bad
    print()
    for f in failures:
        print(f)
    print("\nCPython test modules: %d/%d pass (%s)" % (green, len(modules), fmt_counts(total)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
