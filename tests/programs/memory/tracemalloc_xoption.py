# tracemalloc from the command line: -X tracemalloc[=N], PYTHONTRACEMALLOC, -E, invalid values
import os
import subprocess
import sys

CODE = "import tracemalloc; print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())"


def run(args, env=None):
    e = dict(os.environ)
    e.pop("PYTHONTRACEMALLOC", None)
    e.update(env or {})
    p = subprocess.run([sys.executable, *args], env=e, capture_output=True, text=True)
    err = p.stderr.splitlines()
    print(args, env, p.returncode, p.stdout.strip(), err[0] if err else "")


run(["-c", CODE])
run(["-X", "tracemalloc", "-c", CODE])
run(["-X", "tracemalloc=1", "-c", CODE])
run(["-X", "tracemalloc=15", "-c", CODE])
run(["-c", CODE], {"PYTHONTRACEMALLOC": "0"})
run(["-c", CODE], {"PYTHONTRACEMALLOC": "1"})
run(["-c", CODE], {"PYTHONTRACEMALLOC": "10"})
run(["-E", "-c", CODE], {"PYTHONTRACEMALLOC": "1"})
run(["-X", "tracemalloc=5", "-c", CODE], {"PYTHONTRACEMALLOC": "10"})
run(["-X", "tracemalloc=-1", "-c", "pass"])
run(["-X", "tracemalloc=abc", "-c", "pass"])
run(["-c", "pass"], {"PYTHONTRACEMALLOC": "-1"})
run(["-c", "pass"], {"PYTHONTRACEMALLOC": "x"})
