"""A minimal stand-in for the `pyperf` module, enough to run pyperformance's
benchmark scripts (`run_benchmark.py`) directly under any interpreter.

bench/pyperformance.py puts this directory first on PYTHONPATH. The real
pyperf spawns worker processes and computes statistics; this one runs the
timed function in-process and appends one JSON line per benchmark to the file
named by PYPERF_SHIM_OUT:

    {"name": ..., "loops": N, "values": [seconds per loop, ...]}

PYPERF_SHIM_LOOPS (a JSON object name -> loops) fixes the loop count, so that
two interpreters time the same amount of work; without it the loop count is
calibrated (doubled until one value takes at least PYPERF_SHIM_MIN_TIME
seconds, default 0.2). PYPERF_SHIM_VALUES values are taken after one warm-up
value (default 3).
"""
import argparse
import json
import os
import sys
import time

perf_counter = time.perf_counter


def python_implementation():
    return sys.implementation.name


def _settings():
    loops = json.loads(os.environ.get("PYPERF_SHIM_LOOPS", "{}"))
    values = int(os.environ.get("PYPERF_SHIM_VALUES", "3"))
    min_time = float(os.environ.get("PYPERF_SHIM_MIN_TIME", "0.2"))
    return loops, values, min_time


def _record(name, loops, values, inner_loops):
    out = os.environ.get("PYPERF_SHIM_OUT")
    per_loop = [v / (loops * (inner_loops or 1)) for v in values]
    line = json.dumps({"name": name, "loops": loops, "values": per_loop})
    if out:
        with open(out, "a") as f:
            f.write(line + "\n")
    else:
        print(line)


class Runner:
    def __init__(self, values=None, processes=None, loops=None, min_time=None,
                 add_cmdline_args=None, **kwargs):
        self.argparser = argparse.ArgumentParser()
        self.metadata = {}
        self.args = None
        self._add_cmdline_args = add_cmdline_args

    def parse_args(self, args=None):
        if self.args is None:
            self.args, _unknown = self.argparser.parse_known_args(args)
        return self.args

    def _run(self, name, timed, inner_loops):
        """`timed(loops)` returns the seconds that many loops took."""
        self.parse_args()
        fixed, nvalues, min_time = _settings()
        loops = fixed.get(name)
        if loops is None:
            loops = 1
            while timed(loops) < min_time and loops < 1 << 30:
                loops *= 2
        else:
            timed(loops)  # warm-up
        values = [timed(loops) for _ in range(nvalues)]
        _record(name, loops, values, inner_loops)

    def bench_time_func(self, name, time_func, *args, inner_loops=None, **kwargs):
        self._run(name, lambda loops: time_func(loops, *args), inner_loops)

    def bench_func(self, name, func, *args, inner_loops=None, **kwargs):
        def timed(loops):
            t0 = perf_counter()
            for _ in range(loops):
                func(*args)
            return perf_counter() - t0
        self._run(name, timed, inner_loops)

    def bench_async_func(self, name, func, *args, inner_loops=None, **kwargs):
        import asyncio

        async def many(loops):
            t0 = perf_counter()
            for _ in range(loops):
                await func(*args)
            return perf_counter() - t0

        self._run(name, lambda loops: asyncio.run(many(loops)), inner_loops)

    def bench_command(self, name, command):
        # Start-up benchmarks are measured by bench/run.py itself.
        raise NotImplementedError("the pyperf stand-in does not run bench_command benchmarks")
