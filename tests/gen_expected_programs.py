#!/usr/bin/env python3
"""Generate the expected results of the differential program corpus.

Every ``tests/programs/<category>/<name>.py`` is run under CPython 3.11
(``python3``, the oracle) from the repository root, with its relative path,
and its stdout, stderr and return code are written to
``<name>.expected.json`` next to it.

Directives (in the first lines of a program, see tests/programs/README.md):
    # args: a b c            extra sys.argv arguments (shlex-split)
    # stdin: text\\nmore      stdin contents (Python escape sequences decoded)
    # mem-limit-mb: 2048     address-space limit (RLIMIT_AS) for both runs

Usage:
    python3 tests/gen_expected_programs.py [-k SUBSTR] [--check]
"""

import argparse
import codecs
import concurrent.futures
import glob
import json
import os
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join("tests", "programs")
TIMEOUT = int(os.environ.get("TAIPAN_PROGRAM_TIMEOUT", "60"))
DIRECTIVE_LINES = 5


def clean_env():
    return {
        "PYTHONHASHSEED": "0",
        "PYTHONIOENCODING": "utf-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
    }


def find_programs(substr=None):
    """Relative paths (from the repo root) of every program, sorted."""
    found = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, PROGRAMS)):
        dirnames.sort()
        for name in filenames:
            if name.endswith(".py"):
                rel = os.path.relpath(os.path.join(dirpath, name), ROOT)
                if substr is None or substr in rel:
                    found.append(rel)
    return sorted(found)


def directives(rel):
    """(extra argv, stdin bytes or None, address-space limit in MiB or None)
    from a program's leading comments."""
    args, stdin, mem_mb = [], None, None
    with open(os.path.join(ROOT, rel), "rb") as f:
        lines = f.read().split(b"\n")[:DIRECTIVE_LINES]
    for raw in lines:
        line = raw.decode("utf-8", "replace")
        if line.startswith("# args:"):
            args = shlex.split(line[len("# args:"):])
        elif line.startswith("# stdin:"):
            body = raw[len(b"# stdin:"):]
            if body.startswith(b" "):
                body = body[1:]
            stdin = codecs.escape_decode(body)[0]
        elif line.startswith("# mem-limit-mb:"):
            mem_mb = int(line[len("# mem-limit-mb:"):])
    return args, stdin, mem_mb


def limit_memory(mem_mb):
    """A preexec_fn capping the child's address space, so that a huge
    allocation fails (MemoryError) the same way in both interpreters."""
    if mem_mb is None:
        return None

    def apply():
        import resource
        limit = mem_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def temp_prefix(rel):
    """Programs that use files create them as /tmp/taipan_<category>_<name>*."""
    parts = os.path.normpath(rel).split(os.sep)[2:]  # drop tests/programs
    return "/tmp/taipan_" + "_".join(parts)[:-3]


def remove_temp_files(rel):
    """Safety net: programs delete their own temp files when they can (only
    `sys` may be imported), this removes anything left behind."""
    for path in glob.glob(glob.escape(temp_prefix(rel)) + "*"):
        try:
            os.remove(path)
        except OSError:
            pass


def run_program(interpreter, rel):
    """Run one program; return dict(stdout, stderr, returncode)."""
    try:
        return _run_program(interpreter, rel)
    finally:
        remove_temp_files(rel)


def _run_program(interpreter, rel):
    args, stdin, mem_mb = directives(rel)
    cmd = [interpreter, rel] + args
    try:
        proc = subprocess.run(
            cmd,
            cwd=ROOT,
            env=clean_env(),
            input=stdin if stdin is not None else None,
            stdin=subprocess.DEVNULL if stdin is None else None,
            capture_output=True,
            timeout=TIMEOUT,
            preexec_fn=limit_memory(mem_mb),
        )
    except subprocess.TimeoutExpired as e:
        return {
            "stdout": normalize((e.stdout or b"").decode("utf-8", "replace")),
            "stderr": normalize((e.stderr or b"").decode("utf-8", "replace"))
            + "\n<timeout after %d s>\n" % TIMEOUT,
            "returncode": None,
        }
    return {
        "stdout": normalize(proc.stdout.decode("utf-8", "replace")),
        "stderr": normalize(proc.stderr.decode("utf-8", "replace")),
        "returncode": proc.returncode,
    }


def normalize(text):
    """CPython makes the main script's path absolute (``__file__``, traceback
    ``File "..."`` lines, warnings); strip the checkout's location so the
    expectations hold on any machine: paths become relative to the repo root."""
    return text.replace(ROOT + os.sep, "")


def expected_path(rel):
    return os.path.join(ROOT, rel[:-3] + ".expected.json")


def serialize(result):
    return json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-k", metavar="SUBSTR", help="only programs whose path contains SUBSTR")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 1, metavar="N",
                    help="parallel jobs (default: cpu count)")
    ap.add_argument("--check", action="store_true",
                    help="verify the committed expectations are up to date")
    opts = ap.parse_args()

    programs = find_programs(opts.k)
    if not programs:
        print("no programs matched", file=sys.stderr)
        return 1
    stale = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.j)) as pool:
        results = list(pool.map(lambda rel: run_program("python3", rel), programs))
    for rel, result in zip(programs, results):
        if result["returncode"] is None:
            print("TIMEOUT:", rel, file=sys.stderr)
        text = serialize(result)
        path = expected_path(rel)
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if opts.check:
            if old != text:
                stale.append(rel)
                print("stale:", rel)
        elif old != text:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            print("wrote", os.path.relpath(path, ROOT))
    if opts.check:
        print("checked %d programs, %d stale" % (len(programs), len(stale)))
        return 1 if stale else 0
    # Expectation files whose program no longer exists.
    if opts.k is None:
        for dirpath, _, filenames in os.walk(os.path.join(ROOT, PROGRAMS)):
            for name in filenames:
                if name.endswith(".expected.json"):
                    src = os.path.join(dirpath, name[:-len(".expected.json")] + ".py")
                    if not os.path.exists(src):
                        print("orphan expectation:", os.path.relpath(
                            os.path.join(dirpath, name), ROOT), file=sys.stderr)
    print("%d programs" % len(programs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
