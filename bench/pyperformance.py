#!/usr/bin/env python3
"""Run pyperformance's benchmark scripts under CPython and Taipan and compare.

    python3 bench/pyperformance.py [--taipan PATH] [--python python3]
                                   [-k FILTER] [--json OUT] [--source DIR]

The scripts come from the pyperformance sdist on PyPI (fetched once with
`pip download` into ~/.cache/taipan-bench, or taken from --source DIR, the
sdist's `pyperformance/data-files/benchmarks` folder); they are not copied
into this repository. Each `run_benchmark.py` runs directly under each
interpreter with bench/pyperf_shim/pyperf.py standing in for `pyperf`. CPython
runs first and calibrates the loop count of every benchmark it reports; Taipan
then runs the same loop counts. The time of a benchmark is the minimum per-loop
value; the ratio is taipan / python3 (below 1.0 Taipan is faster).

Benchmarks needing third-party packages (a requirements.txt) or a subprocess
start-up measurement are not run. A benchmark Taipan cannot run is reported
with the last line of its error and left out of the geometric mean.
"""
import argparse
import glob
import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHIM = os.path.join(HERE, "pyperf_shim")
VERSION = "1.11.0"
CACHE = os.path.join(os.path.expanduser("~"), ".cache", "taipan-bench")
# Start-up, subprocess or network benchmarks the stand-in does not measure.
NOT_RUN = {"python_startup", "hg_startup", "2to3", "asyncio_tcp", "concurrent_imap"}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--taipan", default=os.path.join(ROOT, "target", "release", "taipan"))
    p.add_argument("--python", default="python3")
    p.add_argument("-k", "--filter", default=None,
                   help="only benchmarks whose directory name contains this (comma-separated)")
    p.add_argument("--json", metavar="OUT", default=None)
    p.add_argument("--source", default=None, help="pyperformance's benchmarks folder")
    p.add_argument("--timeout", type=float, default=600.0)
    return p.parse_args()


def fetch_benchmarks():
    """The benchmarks folder of the pyperformance sdist, downloaded once."""
    root = os.path.join(CACHE, f"pyperformance-{VERSION}")
    bench = os.path.join(root, "pyperformance", "data-files", "benchmarks")
    if os.path.isdir(bench):
        return bench
    os.makedirs(CACHE, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                    "-d", CACHE, f"pyperformance=={VERSION}"], check=True,
                   stdout=subprocess.DEVNULL)
    with tarfile.open(os.path.join(CACHE, f"pyperformance-{VERSION}.tar.gz")) as tar:
        tar.extractall(CACHE, filter="data")
    return bench


def variants(bench_dir):
    """(label, extra arguments) for each benchmark a folder defines: its
    pyproject.toml and its bm_*.toml files, as pyperformance's MANIFEST does."""
    import tomllib
    out = []
    tomls = [os.path.join(bench_dir, "pyproject.toml")]
    tomls += sorted(glob.glob(os.path.join(bench_dir, "bm_*.toml")))
    for path in tomls:
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            meta = tomllib.load(f).get("tool", {}).get("pyperformance", {})
        label = meta.get("name") or os.path.basename(bench_dir)[3:]
        out.append((label, list(meta.get("extra_opts", []))))
    return out or [(os.path.basename(bench_dir)[3:], [])]


def selected(bench_root, filt):
    """(folder, label, extra arguments) of the benchmarks to run."""
    keep = []
    for d in sorted(glob.glob(os.path.join(bench_root, "bm_*"))):
        name = os.path.basename(d)[3:]
        if name in NOT_RUN or os.path.exists(os.path.join(d, "requirements.txt")):
            continue
        if not os.path.exists(os.path.join(d, "run_benchmark.py")):
            continue
        for label, extra in variants(d):
            if filt and not any(f in label for f in filt.split(",")):
                continue
            keep.append((d, label, extra))
    return keep


def run_one(interp, bench_dir, extra, loops, timeout):
    """Run one benchmark script; returns ({name: (loops, best)}, error)."""
    with tempfile.NamedTemporaryFile("r", suffix=".jsonl") as out:
        env = dict(os.environ, PYTHONPATH=SHIM, PYPERF_SHIM_OUT=out.name,
                   PYPERF_SHIM_LOOPS=json.dumps(loops))
        try:
            proc = subprocess.run([interp, "run_benchmark.py", *extra], cwd=bench_dir, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            return {}, f"timed out after {timeout:.0f} s"
        results = {}
        for line in out.read().splitlines():
            r = json.loads(line)
            results[r["name"]] = (r["loops"], min(r["values"]))
        if proc.returncode != 0:
            lines = proc.stderr.decode(errors="replace").strip().splitlines()
            return results, lines[-1] if lines else f"exit status {proc.returncode}"
        return results, None


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def main():
    args = parse_args()
    if not os.path.exists(args.taipan):
        print(f"no Taipan binary at {args.taipan}: build it with `cargo build --release`")
        return 2
    root = args.source or fetch_benchmarks()
    rows, ratios = [], []
    print(f"{'benchmark':32} {'python3 ms':>11} {'taipan ms':>11} {'ratio':>7}")
    for d, label, extra in selected(root, args.filter):
        ref, err = run_one(args.python, d, extra, {}, args.timeout)
        if err or not ref:
            print(f"{label:32} CPython failed: {err}")
            continue
        got, err = run_one(args.taipan, d, extra, {n: l for n, (l, _) in ref.items()}, args.timeout)
        for name, (_loops, t_ref) in sorted(ref.items()):
            if name in got:
                ratio = got[name][1] / t_ref
                ratios.append(ratio)
                rows.append({"name": name, "python": t_ref, "taipan": got[name][1], "ratio": ratio})
                print(f"{name:32} {t_ref * 1e3:11.3f} {got[name][1] * 1e3:11.3f} {ratio:7.2f}")
            else:
                if err is None:
                    other = sorted(set(got) - set(ref))
                    err = f"reported {', '.join(other)} instead" if other else "no result"
                rows.append({"name": name, "python": t_ref, "taipan": None, "error": err})
                print(f"{name:32} {t_ref * 1e3:11.3f} {'FAILED':>11}  {err}")
    print(f"{'geomean':32} {'':11} {'':11} {geomean(ratios):7.2f}  ({len(ratios)} benchmarks ran)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": rows, "geomean": geomean(ratios)}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
