#!/usr/bin/env python3
"""Record what CPython 3.11 reports for every snippet in cases.py.

For each case, `python3 FILE` is run on the snippet (a file that does not
compile only reports its error) and its stderr and exit status are stored,
with the file's path replaced by <FILE>. The attributes of the SyntaxError
that `compile(source_bytes, '<FILE>', 'exec')` raises are stored too.

    python3 tests/syntax_errors/gen_expected.py   # rewrites expected.json
"""
import ast
import json
import os
import subprocess
import sys
import tempfile
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from cases import CASES  # noqa: E402


def main():
    assert sys.version_info[:2] == (3, 11), "generate with CPython 3.11"
    names = set()
    bad = []
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, source in CASES:
            assert name not in names, f"duplicate case {name}"
            names.add(name)
            path = os.path.join(tmp, name + ".py")
            with open(path, "wb") as f:
                f.write(source)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    ast.parse(source)
            except (SyntaxError, ValueError, MemoryError, RecursionError):
                pass
            else:
                bad.append(name)
                continue
            proc = subprocess.run([sys.executable, path], capture_output=True)
            stderr = proc.stderr.decode("utf-8", "replace").replace(path, "<FILE>")
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    compile(source, "<FILE>", "exec")
                attrs = None
            except SyntaxError as e:
                attrs = {
                    "type": type(e).__name__,
                    "msg": e.msg,
                    "lineno": e.lineno,
                    "offset": e.offset,
                    "end_lineno": e.end_lineno,
                    "end_offset": e.end_offset,
                }
            except (ValueError, MemoryError, RecursionError) as e:
                attrs = {"type": type(e).__name__, "msg": str(e)}
            out.append({
                "name": name,
                "source": source.decode("latin-1"),
                "status": proc.returncode,
                "stderr": stderr,
                "compile": attrs,
            })
    if bad:
        sys.exit(f"CPython parses these cases; only parser errors belong here: {bad}")
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=True)
        f.write("\n")
    print(f"{len(out)} cases written")


if __name__ == "__main__":
    main()
