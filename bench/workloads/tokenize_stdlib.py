"""Tokenize stdlib sources: Lib's pure-Python `tokenize.generate_tokens` over
a fixed set of Lib files (found next to `tokenize` itself), several times.
Mostly `re` matching (the pseudo-token pattern with `Pattern.match` at a
position, the string-continuation patterns), str slicing and `in` on str,
and a generator yielding named tuples. Prints token counts by type.
Unlike the other workloads it imports Lib modules (`tokenize`, `io`, `os`):
what it measures is that stack."""
import io
import os
import sys
import tokenize

FILES = ["tokenize.py", "textwrap.py", "string.py", "difflib.py", "argparse.py",
         "calendar.py", "fractions.py", "dataclasses.py", "ast.py"]


def read_sources():
    base = os.path.dirname(tokenize.__file__)
    sources = []
    for name in FILES:
        with open(os.path.join(base, name), encoding="utf-8") as f:
            sources.append((name, f.read()))
    return sources


def count_tokens(source, counts):
    n = 0
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        counts[tok.type] = counts.get(tok.type, 0) + 1
        n += 1
    return n


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    sources = read_sources()
    counts = {}
    per_file = {}
    for _ in range(rounds):
        for name, source in sources:
            per_file[name] = count_tokens(source, counts)
    for name, _ in sources:
        print(f"{name:<16} {per_file[name]:>7}")
    for t in sorted(counts):
        print(f"{tokenize.tok_name[t]:<12} {counts[t]:>8}")
    print("total", sum(counts.values()))


main()
