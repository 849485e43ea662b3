#!/usr/bin/env python3
"""Parser benchmark: parse every .py file of CPython's Lib with Taipan's parser,
ruff's parser and CPython's ast.parse, in the same run, and report throughput
(MB/s) and memory (peak resident set while every tree is held), with ratios.

    python3 bench/parse.py            # builds bench/parse_bench with --release
    python3 bench/parse.py --callgrind  # instructions instead of time (deterministic)

`--callgrind` runs parse_bench under valgrind's callgrind on a fixed subset
(every 20th usable file of Lib, one round, no memory pass) once per parser
and reports the instructions each executed: unlike wall time on a loaded
machine, the counts repeat exactly from run to run. They include reading the
files, the same for both parsers.

Files that are not UTF-8, or that any of the parsers rejects, are left out
for all three so that every parser reads the same bytes.
"""
import ast
import json
import os
import resource
import subprocess
import sys
import sysconfig
import tempfile
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
CRATE = os.path.join(HERE, "parse_bench")


def lib_files():
    lib = sysconfig.get_paths()["stdlib"]
    out = []
    for root, dirs, files in os.walk(lib):
        dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "__pycache__"))
        out += [os.path.join(root, f) for f in sorted(files) if f.endswith(".py")]
    return out


def usable(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        data.decode("utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(data)
    except (UnicodeDecodeError, SyntaxError, ValueError):
        return False
    return True


def cpython(files, iterations):
    sources = [open(p, "rb").read() for p in files]
    total = sum(len(s) for s in sources)
    baseline = rss_kib()
    best = float("inf")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(iterations):
            t = time.perf_counter()
            for s in sources:
                ast.parse(s)
            best = min(best, time.perf_counter() - t)
        trees = [ast.parse(s) for s in sources]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    del trees
    return {"parser": "cpython", "files": len(files), "bytes": total, "seconds": best,
            "baseline_kib": baseline, "peak_kib": peak}


def rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def callgrind_instructions(binary, which, listing):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary, which, listing, "1"],
                       env=dict(os.environ, BENCH_TIME_ONLY="1"), capture_output=True, check=True)
        with open(out) as f:
            for line in f:
                if line.startswith("summary:"):
                    return int(line.split()[1])
    raise RuntimeError("no summary line in callgrind's output")


def callgrind(binary, files):
    files = files[::20]
    size = sum(os.path.getsize(p) for p in files)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(files))
        listing = f.name
    counts = {which: callgrind_instructions(binary, which, listing) for which in ("taipan", "ruff")}
    os.unlink(listing)
    print(f"callgrind: {len(files)} files (every 20th of Lib, {size / 1e6:.2f} MB), one round")
    for which, n in counts.items():
        print(f"{which:<8} {n:>14,} instructions {n / counts['taipan']:>6.2f}x")


def main():
    iterations = int(os.environ.get("BENCH_ITERATIONS", "3"))
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=CRATE, check=True)
    binary = os.path.join(CRATE, "target", "release", "parse_bench")
    files = [p for p in lib_files() if usable(p)]
    if "--callgrind" in sys.argv[1:]:
        callgrind(binary, files)
        return
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(files))
        listing = f.name
    results = []
    for which in ("taipan", "ruff"):
        out = subprocess.run([binary, which, listing, str(iterations)], capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout))
    os.unlink(listing)
    # CPython in a fresh process, so that its peak memory is its own.
    out = subprocess.run([sys.executable, __file__, "--cpython-worker", str(iterations)],
                         input="\n".join(files), capture_output=True, text=True, check=True)
    results.append(json.loads(out.stdout))

    mb = results[0]["bytes"] / 1e6
    print(f"Parsing {results[0]['files']} files of CPython {sys.version.split()[0]}'s Lib ({mb:.1f} MB), "
          f"best of {iterations} rounds")
    print(f"{'parser':<10} {'seconds':>8} {'MB/s':>8} {'vs taipan':>10} {'trees held (MiB)':>17}")
    taipan_s = results[0]["seconds"]
    for r in results:
        held = (r["peak_kib"] - r["baseline_kib"]) / 1024
        print(f"{r['parser']:<10} {r['seconds']:>8.3f} {mb / r['seconds']:>8.1f} "
              f"{r['seconds'] / taipan_s:>9.2f}x {held:>17.1f}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--cpython-worker":
        files = sys.stdin.read().split("\n")
        print(json.dumps(cpython(files, int(sys.argv[2]))))
    else:
        main()
