"""Check that the loom model catches broken GILs: each mutant below removes
one piece of `src/ceval_gil/machine.rs`; the model's tests must fail on every
one. Run from anywhere (needs the build lock, as any cargo command):

    flock /tmp/taipan-build.lock python3 crates/taipan-vm/loom/mutants.py

It copies this crate to a temporary directory with the mutated file and runs
`cargo test` there with `--cfg loom` (target dir: the repository's
target/loom, shared with the model's own runs).
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MACHINE = os.path.join(HERE, "..", "src", "ceval_gil", "machine.rs")
TARGET = os.path.join(HERE, "..", "..", "..", "target", "loom")

MUTANTS = {
    # A release that never wakes a waiter: loom reports a deadlock.
    "no notify on release": (
        "        drop(g);\n        if wake {\n            sync.released.notify_one();\n        }\n"
        "        if forced && wake {",
        "        drop(g);\n        if forced && wake {",
    ),
    # A stale drop request survives the acquire.
    "no clear of the drop request": (
        "        // SAFETY: `ts` is the caller's own live state.\n        unsafe { (*ts).clear_drop() };\n"
        "        // Release",
        "        // Release",
    ),
    # Taking a held GIL: a data race on what it protects.
    "no wait while held": (
        "        self.word.compare_exchange(SLOW, SLOW | LOCKED, Ordering::Acquire, Ordering::Relaxed).is_ok()",
        "        self.word.fetch_or(LOCKED, Ordering::Acquire);\n        true",
    ),
    # A waiter that never asks: a spinning holder keeps the GIL for good.
    "no drop request": (
        "            unsafe { (*h).request_drop() };",
        "            let _ = h;",
    ),
    # The fast release ignores waiters (clears SLOW with LOCKED): nobody
    # wakes the thread waiting on `released`.
    "fast release ignores waiters": (
        "        if self.word.compare_exchange(LOCKED, 0, Ordering::Release, Ordering::Relaxed).is_ok() {",
        "        if self.word.swap(0, Ordering::Release) != u32::MAX {",
    ),
    # The holder published without release: a waiter's drop request
    # writes into a thread state not yet visible to it as made.
    "holder published relaxed": (
        "        self.holder.store(ts.cast_mut(), Ordering::Release);",
        "        self.holder.store(ts.cast_mut(), Ordering::Relaxed);",
    ),
    # A waiter that does not set SLOW: a fast release misses it.
    "waiter does not set SLOW": (
        "        g.waiters += 1;\n        // From here on the GIL changes hands under the mutex only.\n"
        "        self.word.fetch_or(SLOW, Ordering::SeqCst);",
        "        g.waiters += 1;",
    ),
}


def main():
    with open(MACHINE) as f:
        source = f.read()
    env = dict(os.environ, RUSTFLAGS="--cfg loom", CARGO_TARGET_DIR=os.path.abspath(TARGET))
    survivors = []
    with tempfile.TemporaryDirectory() as tmp:
        crate = os.path.join(tmp, "model")
        shutil.copytree(HERE, crate, ignore=shutil.ignore_patterns("target", "mutants.py"))
        lib = os.path.join(crate, "src", "lib.rs")
        with open(lib) as f:
            text = f.read()
        with open(lib, "w") as f:
            f.write(text.replace('#[path = "../../src/ceval_gil/machine.rs"]', '#[path = "machine.rs"]'))
        for name, (old, new) in MUTANTS.items():
            if old not in source:
                sys.exit("mutant %r no longer applies: update mutants.py" % name)
            with open(os.path.join(crate, "src", "machine.rs"), "w") as f:
                f.write(source.replace(old, new))
            r = subprocess.run(["cargo", "test", "--profile", "ci"], cwd=crate, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            caught = r.returncode != 0 and "test result: FAILED" in r.stdout or "deadlock" in r.stdout
            print("%-30s %s" % (name, "caught" if caught else "SURVIVED"))
            if not caught:
                survivors.append(name)
    sys.exit(1 if survivors else 0)


if __name__ == "__main__":
    main()
