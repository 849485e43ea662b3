"""Deterministic measure of the GIL's single-thread overhead: instructions per
`os.write` call counted by callgrind, with and without a thread started first.

    python3 bench/threads/gil_callgrind.py [INTERPRETER ...]

(default: target/release/taipan). Each interpreter runs `gil.py --child` under
`valgrind --tool=callgrind` with N and 2N os.write calls to /dev/null (and no
pure-Python loop), once unthreaded and once after a thread ran; the difference
of the two totals divided by N is the cost of one call (start-up cancels out;
the child times each loop REPS times, so a call is counted REPS times). Only
user-space instructions are counted: the system call itself is not, so the
ratio threaded/unthreaded printed here is an upper bound of the wall-time
overhead, and the difference (instructions added per call) is the number to
compare between builds. Needs valgrind.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GIL_PY = os.path.join(HERE, "gil.py")
N = 20_000
REPS = 5  # gil.py's best-of count: each call runs REPS times


def instructions(interp, threaded, n):
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
           interp, GIL_PY, "--child", str(threaded), str(n), "0"]
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    m = re.search(r"Collected : (\d+)", r.stderr)
    if not m:
        sys.exit(f"no callgrind total in:\n{r.stderr}")
    return int(m.group(1))


def per_call(interp, threaded):
    return (instructions(interp, threaded, 2 * N) - instructions(interp, threaded, N)) / (N * REPS)


def main():
    interps = sys.argv[1:] or [os.path.join(HERE, "..", "..", "target", "release", "taipan")]
    for interp in interps:
        off = per_call(interp, 0)
        on = per_call(interp, 1)
        print(f"{interp}: os.write: {off:.1f} instructions per call unthreaded, {on:.1f} after a thread "
              f"started (+{on - off:.1f}, ratio {on / off:.3f})")


if __name__ == "__main__":
    main()
