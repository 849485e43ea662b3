#!/usr/bin/env python3
"""Differential fuzzing of Taipan's front end against CPython 3.11.

Takes small windows of real source (CPython's Lib), breaks them with random
token-level mutations, and compares `taipan --dump-ast` with CPython: the AST
dump for a snippet CPython parses, or the `python3 FILE` error text for one it
rejects. A snippet is only run by python3 when compile() already rejected it,
so nothing mutated is ever executed.

    python3 tools/differential_fuzz.py --taipan target/debug/taipan -n 2000 --seed 1
"""
import argparse
import ast
import concurrent.futures
import io
import os
import random
import subprocess
import sys
import sysconfig
import tempfile
import tokenize
import warnings

VOCAB = [
    "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "=", "==", "+", "-", "*", "**", "/", "//",
    "%", "@", "|", "&", "^", "~", "<", ">", "<=", ">=", "!=", "->", ":=", "+=", "...", "\\",
    "if", "else", "elif", "for", "in", "while", "def", "class", "return", "yield", "lambda",
    "import", "from", "as", "with", "try", "except", "finally", "raise", "not", "and", "or",
    "is", "None", "True", "False", "async", "await", "del", "pass", "global", "nonlocal",
    "match", "case", "_", "x", "f(x)", "1", "0x1", "1.5", "'s'", 'f"{x}"', "b'b'", "\n", "    ",
    "\t", "#", "$", "?", "!", "'", '"', '"""', "f'{", "}'", "0777", "1_", "€",
]


def windows(files, rng):
    while True:
        path = rng.choice(files)
        try:
            with open(path, "rb") as f:
                lines = f.read().splitlines(keepends=True)
        except OSError:
            continue
        if not lines:
            continue
        start = rng.randrange(len(lines))
        n = rng.randint(1, 12)
        chunk = b"".join(lines[start : start + n])
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError:
            continue
        yield textwrap_dedent(text)


def textwrap_dedent(text):
    import textwrap

    return textwrap.dedent(text)


def tokens_of(text):
    try:
        return list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None


def mutate(text, rng):
    toks = tokens_of(text)
    lines = text.splitlines(keepends=True)
    choice = rng.random()
    if not toks or choice < 0.15:
        # character-level
        if not text:
            return rng.choice(VOCAB)
        i = rng.randrange(len(text) + 1)
        op = rng.random()
        if op < 0.4:
            return text[:i] + rng.choice(VOCAB) + text[i:]
        if op < 0.7:
            return text[:i] + text[i + 1 :]
        return text[:i]
    real = [t for t in toks if t.type not in (tokenize.ENDMARKER,) and t.string]
    if not real:
        return text + rng.choice(VOCAB)
    t = rng.choice(real)
    (sl, sc), (el, ec) = t.start, t.end

    def offset(line, col):
        return sum(len(l) for l in lines[: line - 1]) + col

    a, b = offset(sl, sc), offset(el, ec)
    op = rng.random()
    if op < 0.35:
        return text[:a] + text[b:]
    if op < 0.7:
        return text[:a] + rng.choice(VOCAB) + text[b:]
    if op < 0.9:
        return text[:a] + rng.choice(VOCAB) + " " + text[a:]
    return text[:b] + text[a:b] + text[b:]


def cpython(path, source):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, path, "exec")
            return "ok", None
        except (SyntaxError, ValueError):
            pass
        except (MemoryError, RecursionError):
            return "skip", None
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            pass
        except (MemoryError, RecursionError):
            return "skip", None
        else:
            return "dump", ast.dump(tree, include_attributes=True, indent=1) + "\n"
    proc = subprocess.run([sys.executable, path], capture_output=True, timeout=30)
    return "error", proc.stderr.decode("utf-8", "replace")


def run_case(args):
    taipan, source, tmpdir, idx = args
    path = os.path.join(tmpdir, f"case{idx}.py")
    data = source.encode("utf-8", "surrogateescape")
    with open(path, "wb") as f:
        f.write(data)
    kind, expected = cpython(path, data)
    if kind == "skip":
        return None
    try:
        proc = subprocess.run([taipan, "--dump-ast", path], capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        return source, "timeout", ""
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        return source, f"crash (status {proc.returncode})", err[-3000:]
    if kind == "ok":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = ast.dump(ast.parse(data), include_attributes=True, indent=1) + "\n"
        kind = "dump"
    if kind == "dump":
        if proc.returncode == 0 and out == expected:
            return None
        return source, "dump differs" if proc.returncode == 0 else "rejected valid source", err
    if proc.returncode == 1 and err == expected:
        return None
    return source, "error differs", f"CPython:\n{expected}Taipan:\n{err}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--taipan", required=True)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--lib", default=sysconfig.get_paths()["stdlib"])
    ap.add_argument("--show", type=int, default=15)
    opts = ap.parse_args()
    rng = random.Random(opts.seed)
    files = []
    for root, dirs, names in os.walk(opts.lib):
        dirs[:] = [d for d in dirs if d not in ("site-packages", "__pycache__")]
        files += [os.path.join(root, n) for n in names if n.endswith(".py")]
    files.sort()
    gen = windows(files, rng)
    cases = []
    for _ in range(opts.n):
        text = next(gen)
        for _ in range(rng.randint(1, 2)):
            text = mutate(text, rng)
        cases.append(text)
    taipan = os.path.abspath(opts.taipan)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
            for r in pool.map(run_case, [(taipan, c, tmp, i) for i, c in enumerate(cases)]):
                if r:
                    failures.append(r)
    for source, what, detail in failures[: opts.show]:
        print(f"=== {what}\n{source!r}\n{detail}")
    print(f"differential fuzz: {len(cases) - len(failures)}/{len(cases)} agree with CPython 3.11")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
