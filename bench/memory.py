#!/usr/bin/env python3
"""Memory benchmark: peak RSS and wall time of the allocation-heavy programs
in bench/memory/ under CPython and under Taipan, with Taipan/CPython ratios
from the same run (below 1.0 Taipan uses less / is faster). Not a test: the
numbers are printed, never asserted.

    python3 bench/memory.py [--taipan PATH] [--python python3] [-n REPEATS] [-k FILTER]

Peak RSS is the child's `ru_maxrss` (os.wait4); of REPEATS runs the minimum
time and the minimum peak are kept. Outputs of the two interpreters must match.
"""
import argparse
import glob
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROGRAMS = os.path.join(HERE, "memory")


def run_once(exe, path):
    """(seconds, peak RSS in MiB, stdout) of one run."""
    start = time.perf_counter()
    p = subprocess.Popen([exe, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise RuntimeError("%s %s failed (%d): %s" % (exe, path, p.returncode, err.decode(errors="replace")[-500:]))
    return elapsed, usage.ru_maxrss / 1024, out


def measure(exe, path, repeats):
    times, peaks, out = [], [], None
    for _ in range(repeats):
        t, m, out = run_once(exe, path)
        times.append(t)
        peaks.append(m)
    return min(times), min(peaks), out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--taipan", default=os.path.join(ROOT, "target", "release", "taipan"))
    p.add_argument("--python", default="python3")
    p.add_argument("-n", "--repeats", type=int, default=3)
    p.add_argument("-k", "--filter", default=None)
    args = p.parse_args()
    if not os.path.exists(args.taipan):
        print("no Taipan binary at %s (cargo build --release, or --taipan PATH)" % args.taipan)
        return 2
    print("%-16s %10s %10s %7s   %10s %10s %7s" % ("program", "py MiB", "tp MiB", "ratio", "py s", "tp s", "ratio"))
    status = 0
    for path in sorted(glob.glob(os.path.join(PROGRAMS, "*.py"))):
        name = os.path.basename(path)[:-3]
        if args.filter and not any(f in name for f in args.filter.split(",")):
            continue
        try:
            pt, pm, pout = measure(args.python, path, args.repeats)
            tt, tm, tout = measure(args.taipan, path, args.repeats)
        except RuntimeError as e:
            print("%-16s FAILED: %s" % (name, e))
            status = 1
            continue
        note = "" if pout == tout else "  OUTPUT MISMATCH"
        if note:
            status = 1
        print("%-16s %10.1f %10.1f %7.2f   %10.2f %10.2f %7.2f%s" % (name, pm, tm, tm / pm, pt, tt, tt / pt, note))
    return status


if __name__ == "__main__":
    sys.exit(main())
