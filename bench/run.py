#!/usr/bin/env python3
"""Workload benchmark: run every program in bench/workloads/ under CPython and
under Taipan, check that both print the same thing, and compare wall times.

    python3 bench/run.py [--taipan PATH] [--python python3] [-n REPEATS]
                         [-k FILTER] [--json OUT] [--timeout SECONDS]

Each workload runs REPEATS times under each interpreter, interleaved (the
order alternates between repeats), and the minimum wall time is kept. The
ratio is taipan / python3: below 1.0 Taipan is faster, above 1.0 slower.
The geometric mean covers the workloads whose output matched. Start-up is
measured separately: `-c pass`, `-S -c pass`, and an import-heavy command with
a warm and a cold `.pyc` cache (PYTHONPYCACHEPREFIX).

Exit status: 0 if every workload ran and matched, 1 if any failed or
mismatched, 2 if the Taipan binary is missing.
"""
import argparse
import glob
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORKLOADS = os.path.join(HERE, "workloads")
STARTUP_RUNS = 20


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--taipan", default=os.path.join(ROOT, "target", "release", "taipan"),
                   help="Taipan binary (default: target/release/taipan under the repo root)")
    p.add_argument("--python", default="python3", help="reference interpreter (default: python3)")
    p.add_argument("-n", "--repeats", type=int, default=3, help="runs per interpreter (default: 3)")
    p.add_argument("-k", "--filter", default=None,
                   help="only workloads whose name contains this (comma-separated alternatives)")
    p.add_argument("--json", metavar="OUT", default=None, help="also write the results as JSON")
    p.add_argument("--timeout", type=float, default=300.0,
                   help="seconds before a single run is killed (default: 300)")
    args = p.parse_args()
    if args.repeats < 1:
        p.error("-n must be at least 1")
    return args


def resolve_python(python):
    """The real executable behind `python` (e.g. through a pyenv shim, whose
    own start-up would otherwise be charged to CPython)."""
    exe = shutil.which(python) or python
    try:
        out = subprocess.run([exe, "-c", "import sys; print(sys.executable); print(sys.version.split()[0])"],
                             capture_output=True, text=True, timeout=60)
    except OSError as e:
        sys.exit("cannot run %s: %s" % (python, e))
    lines = out.stdout.split()
    if out.returncode != 0 or len(lines) < 2:
        sys.exit("cannot run %s: %s" % (python, out.stderr.strip()))
    real, version = lines[0], lines[1]
    return (real if os.path.isfile(real) else exe), version


def run(cmd, timeout, env=None):
    """One timed run: (seconds, returncode, stdout, stderr). returncode is
    None on timeout."""
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, cwd=ROOT, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as e:
        return time.perf_counter() - t0, None, e.stdout or b"", e.stderr or b""
    return time.perf_counter() - t0, p.returncode, p.stdout, p.stderr


def tail(data, lines=8):
    text = data.decode("utf-8", "replace").rstrip("\n")
    return "\n".join(text.split("\n")[-lines:])


def first_difference(a, b):
    la = a.decode("utf-8", "replace").split("\n")
    lb = b.decode("utf-8", "replace").split("\n")
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else "<missing>"
        y = lb[i] if i < len(lb) else "<missing>"
        if x != y:
            return "line %d: python3 %r, taipan %r" % (i + 1, x[:80], y[:80])
    return "outputs differ"


def describe_failure(code, stderr, timeout):
    if code is None:
        return "timed out after %gs" % timeout
    return "exit %d\n%s" % (code, tail(stderr))


def bench_workload(path, python, taipan, repeats, timeout):
    name = os.path.splitext(os.path.basename(path))[0]
    res = {"name": name, "status": "ok", "python_times": [], "taipan_times": [],
           "python_s": None, "taipan_s": None, "ratio": None, "detail": ""}
    expected = got = None
    for i in range(repeats):
        order = [("python", python), ("taipan", taipan)]
        if i % 2:
            order.reverse()
        for who, exe in order:
            secs, code, out, err = run([exe, path], timeout)
            if code != 0:
                res["status"] = "FAILED" if who == "taipan" else "PYTHON FAILED"
                res["detail"] = describe_failure(code, err, timeout)
                return res
            res[who + "_times"].append(secs)
            if who == "python":
                if expected is not None and out != expected:
                    res["status"] = "PYTHON NONDETERMINISTIC"
                    res["detail"] = first_difference(expected, out)
                    return res
                expected = out
            else:
                got = out
        if got != expected:
            res["status"] = "MISMATCH"
            res["detail"] = first_difference(expected, got)
    res["python_s"] = min(res["python_times"])
    res["taipan_s"] = min(res["taipan_times"])
    res["ratio"] = res["taipan_s"] / res["python_s"]
    return res


IMPORTS = "import json, re, collections, typing, dataclasses"

# (name, arguments, bytecode cache): start-up as the import issue measures it.
# "warm" runs with a __pycache__ prefix filled beforehand, "cold" with an empty
# one each run (both interpreters write their own .pyc files there).
STARTUP_CASES = [
    ("-c pass", ["-c", "pass"], None),
    ("-S -c pass", ["-S", "-c", "pass"], None),
    ("imports, warm .pyc", ["-c", IMPORTS], "warm"),
    ("imports, cold .pyc", ["-c", IMPORTS], "cold"),
]


def bench_startup(python, taipan, timeout):
    """Each start-up case STARTUP_RUNS times per interpreter, interleaved."""
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, tail_args, cache in STARTUP_CASES:
            cases.append(bench_startup_case(python, taipan, timeout, name, tail_args, cache, tmp))
    ok = all(c["status"] == "ok" for c in cases)
    return {"status": "ok" if ok else "FAILED", "cases": cases,
            "detail": "\n".join("%s: %s" % (c["command"], c.get("detail", "")) for c in cases if c["status"] != "ok")}


def bench_startup_case(python, taipan, timeout, name, tail_args, cache, tmp):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = {"python": [], "taipan": []}
    for i in range(STARTUP_RUNS):
        order = [("python", python), ("taipan", taipan)]
        if i % 2:
            order.reverse()
        for who, exe in order:
            if cache == "warm":
                env["PYTHONPYCACHEPREFIX"] = os.path.join(tmp, "warm-" + who)
                if i == 0:
                    run([exe] + tail_args, timeout, env)
            elif cache == "cold":
                env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(dir=tmp)
            secs, code, _, err = run([exe] + tail_args, timeout, env)
            if code != 0:
                return {"status": "FAILED", "command": name,
                        "detail": "%s: %s" % (who, describe_failure(code, err, timeout))}
            times[who].append(secs)
    out = {"status": "ok", "command": name}
    for who in ("python", "taipan"):
        out[who + "_min"] = min(times[who])
        out[who + "_mean"] = sum(times[who]) / len(times[who])
    out["ratio_min"] = out["taipan_min"] / out["python_min"]
    out["ratio_mean"] = out["taipan_mean"] / out["python_mean"]
    return out


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def main():
    args = parse_args()
    taipan = os.path.abspath(args.taipan)
    if not (os.path.isfile(taipan) and os.access(taipan, os.X_OK)):
        print("taipan binary not found: %s" % taipan, file=sys.stderr)
        print("build it first:  (cd %s && cargo build --release)" % ROOT, file=sys.stderr)
        print("or point --taipan at an existing binary", file=sys.stderr)
        return 2
    python, py_version = resolve_python(args.python)

    paths = sorted(glob.glob(os.path.join(WORKLOADS, "*.py")))
    if args.filter:
        wanted = [w for w in args.filter.split(",") if w]
        paths = [p for p in paths if any(w in os.path.basename(p)[:-3] for w in wanted)]
    if not paths:
        print("no workload matches %r" % args.filter, file=sys.stderr)
        return 1

    print("python3: %s (%s)" % (python, py_version))
    print("taipan:  %s" % taipan)
    print("%d run(s) each, min wall time; ratio = taipan / python3 (< 1.0: Taipan faster)\n" % args.repeats)
    width = max(len("workload"), max(len(os.path.basename(p)) - 3 for p in paths))
    header = "%-*s  %9s  %9s  %7s  %s" % (width, "workload", "python3 s", "taipan s", "ratio", "")
    print(header)
    print("-" * len(header))

    results = []
    for path in paths:
        r = bench_workload(path, python, taipan, args.repeats, args.timeout)
        results.append(r)
        if r["status"] in ("ok", "MISMATCH"):
            line = "%-*s  %9.3f  %9.3f  %7.2f" % (width, r["name"], r["python_s"], r["taipan_s"], r["ratio"])
            if r["status"] == "MISMATCH":
                line += "  MISMATCH (excluded): " + r["detail"]
        else:
            py = "%9.3f" % min(r["python_times"]) if r["python_times"] else "%9s" % "-"
            line = "%-*s  %s  %9s  %7s  %s" % (width, r["name"], py, "-", "-", r["status"])
        print(line, flush=True)
        if r["status"] not in ("ok", "MISMATCH"):
            for l in r["detail"].split("\n"):
                print("    | " + l)

    ok = [r for r in results if r["status"] == "ok"]
    gm = geomean([r["ratio"] for r in ok])
    print("-" * len(header))
    if gm is None:
        print("geometric mean: n/a (no workload ran and matched)")
    else:
        print("%-*s  %9s  %9s  %7.2f  (%d of %d workloads)"
              % (width, "geomean", "", "", gm, len(ok), len(results)))

    print("\nstartup (%d runs each; ms, min and mean)" % STARTUP_RUNS)
    st = bench_startup(python, taipan, args.timeout)
    for c in st["cases"]:
        if c["status"] == "ok":
            print("  %-22s python3 %6.1f / %6.1f   taipan %6.1f / %6.1f   ratio %5.2f / %5.2f"
                  % (c["command"], c["python_min"] * 1e3, c["python_mean"] * 1e3, c["taipan_min"] * 1e3,
                     c["taipan_mean"] * 1e3, c["ratio_min"], c["ratio_mean"]))
        else:
            print("  %-22s FAILED" % c["command"])
            for l in c["detail"].split("\n"):
                print("    | " + l)

    if args.json:
        data = {
            "python": python,
            "python_version": py_version,
            "taipan": taipan,
            "repeats": args.repeats,
            "machine": {"platform": platform.platform(), "processor": platform.machine(),
                        "cpus": os.cpu_count()},
            "workloads": results,
            "geomean": gm,
            "geomean_count": len(ok),
            "startup": st,
        }
        with open(args.json, "w") as f:
            json.dump(data, f, indent=2)
            f.write("\n")
        print("\nwrote %s" % args.json)

    bad = [r for r in results if r["status"] != "ok"]
    return 1 if bad or st["status"] != "ok" else 0


if __name__ == "__main__":
    sys.exit(main())
