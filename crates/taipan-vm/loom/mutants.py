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
        "        let wake_switched",
        "        let wake_switched",
    ),
    # Taking a held GIL: a data race on what it protects.
    "no wait while held": (
        "        if g.locked || self.frozen.load(Ordering::SeqCst) {\n"
        "            g = self.wait_until_free(g);",
        "        if self.frozen.load(Ordering::SeqCst) {\n            g = self.wait_until_free(g);",
    ),
    # A waiter that never asks: a spinning holder keeps the GIL for good.
    "no drop request": (
        "                unsafe { (*g.holder).request_drop() };",
        "                let _ = g.holder;",
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
