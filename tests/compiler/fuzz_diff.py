"""Differential fuzzing of the compiler: random programs (nested loops, try
statements, with, match, functions, classes, generators, comprehensions,
break/continue/return in every position) compiled by CPython and by Taipan,
their code objects compared byte for byte.

Usage: python3 tests/compiler/fuzz_diff.py --dump-code PATH [--seed N] [--count N] [--keep DIR]

Differences are written to DIR (default /tmp/taipan-fuzz) as the smallest
reproducer found, with the conformance diff printed.
"""
import argparse
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import conformance  # noqa: E402
import dump_code  # noqa: E402

NAMES = ["a", "b", "c", "x", "y", "self", "__p"]


class Gen:
    def __init__(self, rng):
        self.r = rng

    def name(self):
        return self.r.choice(NAMES)

    def const(self):
        return self.r.choice(["0", "1", "-1", "2.5", "'s'", "b'b'", "None", "True", "(1, 2)", "1j", "...", "'%s' % (x,)"])

    def expr(self, d=0):
        r = self.r
        if d > 2 or r.random() < 0.3:
            return r.choice([self.name(), self.const()])
        k = r.randrange(20)
        e = lambda: self.expr(d + 1)
        return [
            lambda: f"{e()} {r.choice(['+', '-', '*', '//', '%', '**', '<<', '|', '&', '@'])} {e()}",
            lambda: f"({r.choice(['not ', '-', '~'])}{e()})",
            lambda: f"({e()} {r.choice(['and', 'or'])} {e()})",
            lambda: f"{e()} {r.choice(['<', '==', 'is', 'is not', 'in', 'not in'])} {e()}",
            lambda: f"{e()} < {e()} <= {e()}",
            lambda: f"({e()} if {e()} else {e()})",
            lambda: f"f({e()}, {self.name()}={e()})",
            lambda: f"{self.name()}.m({e()})",
            lambda: f"g(*{e()}, **{e()})",
            lambda: f"{self.name()}[{e()}]",
            lambda: f"{self.name()}.attr",
            lambda: f"[{e()} for {self.name()} in {e()} if {e()}]",
            lambda: f"{{{e()}: {e()} for {self.name()} in {e()}}}",
            lambda: f"(lambda {self.name()}: {e()})",
            lambda: f"f\"\"\"{{{e()}!r}} {{{self.name()}:>{{{self.name()}}}}}\"\"\"",
            lambda: f"[{e()}, *{self.name()}, {e()}]",
            lambda: f"[({self.name()} := {e()}) for {self.name()} in {e()}]",
            lambda: f"super().m({e()})",
            lambda: f"{{**{e()}, 'k': {e()}}}",
            lambda: f"{e()}[{e()}:{e()}:{e()}]",
        ][k]()

    def target(self):
        r = self.r.random()
        if r < 0.6:
            return self.name()
        if r < 0.8:
            return f"{self.name()}, {self.name()}"
        if r < 0.9:
            return f"{self.name()}.attr"
        return f"{self.name()}[{self.expr(2)}]"

    def block(self, ind, d, ctx):
        n = self.r.randint(1, 3)
        out = []
        for _ in range(n):
            out.extend(self.stmt(ind, d, ctx))
        return out

    def stmt(self, ind, d, ctx):
        r = self.r
        p = "    " * ind
        simple = [
            lambda: [f"{p}{self.target()} = {self.expr()}"],
            lambda: [f"{p}{self.name()} += {self.expr()}"],
            lambda: [f"{p}f({self.expr()})"],
            lambda: [f"{p}pass"],
            lambda: [f"{p}del {self.name()}"],
            lambda: [f"{p}raise {self.expr()}" if r.random() < 0.7 else f"{p}raise"],
            lambda: [f"{p}assert {self.expr()}, {self.expr()}"],
        ]
        if ctx.get("loop"):
            simple += [lambda: [f"{p}break"], lambda: [f"{p}continue"]]
        if ctx.get("nested"):
            simple += [lambda: [f"{p}nonlocal {r.choice(['a', 'b'])}"]]
        simple += [lambda: [f"{p}global g{r.randrange(3)}"], lambda: [f"{p}{self.name()}, *{self.name()} = {self.expr()}"]]
        if ctx.get("func"):
            simple += [lambda: [f"{p}return {self.expr()}" if r.random() < 0.7 else f"{p}return"]]
            if not ctx.get("async"):
                simple += [lambda: [f"{p}{self.name()} = yield {self.expr()}"]]
            else:
                simple += [lambda: [f"{p}await {self.expr()}"]]
        if d >= 3 or r.random() < 0.45:
            return r.choice(simple)()
        inner = dict(ctx)
        k = r.randrange(11)
        if k == 0:
            out = [f"{p}if {self.expr()}:"] + self.block(ind + 1, d + 1, ctx)
            if r.random() < 0.5:
                out += [f"{p}elif {self.expr()}:"] + self.block(ind + 1, d + 1, ctx)
            if r.random() < 0.5:
                out += [f"{p}else:"] + self.block(ind + 1, d + 1, ctx)
            return out
        if k == 1:
            inner["loop"] = True
            kw = "async for" if ctx.get("async") and r.random() < 0.3 else "for"
            out = [f"{p}{kw} {self.target()} in {self.expr()}:"] + self.block(ind + 1, d + 1, inner)
            if r.random() < 0.3:
                out += [f"{p}else:"] + self.block(ind + 1, d + 1, ctx)
            return out
        if k == 2:
            inner["loop"] = True
            out = [f"{p}while {self.expr()}:"] + self.block(ind + 1, d + 1, inner)
            if r.random() < 0.3:
                out += [f"{p}else:"] + self.block(ind + 1, d + 1, ctx)
            return out
        if k in (3, 4):
            star = k == 4 and r.random() < 0.5
            out = [f"{p}try:"] + self.block(ind + 1, d + 1, ctx)
            hctx = dict(ctx)
            if star:
                hctx.pop("loop", None)
                hctx.pop("func", None)
            nh = r.randint(0 if not star else 1, 2)
            for i in range(nh):
                kw = "except*" if star else "except"
                if not star and i == nh - 1 and r.random() < 0.3:
                    out += [f"{p}except:"]
                else:
                    asn = f" as {self.name()}" if r.random() < 0.5 else ""
                    out += [f"{p}{kw} {r.choice(['E', '(E, F)', 'x.E'])}{asn}:"]
                out += self.block(ind + 1, d + 1, hctx)
            if nh and r.random() < 0.3:
                out += [f"{p}else:"] + self.block(ind + 1, d + 1, ctx)
            if not nh or r.random() < 0.4:
                out += [f"{p}finally:"] + self.block(ind + 1, d + 1, ctx)
            return out
        if k == 5:
            kw = "async with" if ctx.get("async") and r.random() < 0.3 else "with"
            items = ", ".join(f"{self.expr(2)}" + (f" as {self.target()}" if r.random() < 0.5 else "") for _ in range(r.randint(1, 2)))
            return [f"{p}{kw} {items}:"] + self.block(ind + 1, d + 1, ctx)
        if k == 6:
            out = [f"{p}match {self.expr()}:"]
            pats = ["[a, *b]", "{'k': v, **kw}", "C(x, y=z) | D()", "1 | 2", "None", "(q, [r, s])", "str() as t", "[_, *_, last]"]
            for _ in range(r.randint(1, 3)):
                guard = f" if {self.expr(2)}" if r.random() < 0.3 else ""
                out += [f"{p}    case {r.choice(pats)}{guard}:"] + self.block(ind + 2, d + 1, ctx)
            if r.random() < 0.4:
                out += [f"{p}    case _:"] + self.block(ind + 2, d + 1, ctx)
            return out
        if k in (7, 8):
            is_async = r.random() < 0.3
            fctx = {"func": True, "async": is_async, "nested": ctx.get("func", False)}
            deco = [f"{p}@deco"] if r.random() < 0.3 else []
            args = r.choice(["", "a", "a, b=1", "a, *args, c, **kw", "self, /, x=None", "a, b, *, __k=x, **kw",
                             "a: int = 1, *b: str"])
            if ctx.get("func"):
                # Bind what a nested nonlocal may refer to.
                deco = [f"{p}a = b = 1"] + deco
            kw = "async def" if is_async else "def"
            body = []
            if r.random() < 0.3:
                body.append(f"{p}    nonlocal_ok = 1")
            return deco + [f"{p}{kw} f{r.randrange(9)}({args}):"] + body + self.block(ind + 1, d + 1, fctx)
        if k == 9:
            return [f"{p}class K{r.randrange(9)}({self.name()}):", f"{p}    z = {self.expr()}"] + self.block(ind + 1, d + 1, {})
        return [f"{p}{self.name()}: int = {self.expr()}"]

    def program(self):
        lines = []
        for _ in range(self.r.randint(1, 4)):
            lines.extend(self.stmt(0, 0, {}))
        return "\n".join(lines) + "\n"


def compare(binary, path):
    theirs = dump_code.dump_file(path)
    p = subprocess.run([binary, path], capture_output=True, text=True)
    if p.returncode != 0:
        return f"CRASH: {p.stderr.strip()[-300:]}"
    mine = p.stdout.splitlines()
    if theirs == mine:
        return None
    if theirs and theirs[0].startswith("error") and (not mine or not mine[0].startswith("error")):
        return f"cpython error, taipan compiled: {theirs[0]}"
    return "differ"


def minimize(binary, path):
    """Delete lines (and replace them by `pass`) while the difference stays."""
    with open(path) as f:
        lines = f.read().splitlines()

    def still_differs(candidate):
        src = "\n".join(candidate) + "\n"
        try:
            compile(src, "<m>", "exec", flags=0x400)
        except SyntaxError:
            return False
        tmp = path + ".min.py"
        with open(tmp, "w") as f:
            f.write(src)
        return compare(binary, tmp) is not None

    changed = True
    while changed:
        changed = False
        for i in range(len(lines) - 1, -1, -1):
            for repl in ([], [lines[i][: len(lines[i]) - len(lines[i].lstrip())] + "pass"]):
                candidate = lines[:i] + repl + lines[i + 1:]
                if candidate != lines and still_differs(candidate):
                    lines = candidate
                    changed = True
                    break
    out = path + ".min.py"
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump-code", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--keep", default="/tmp/taipan-fuzz")
    ap.add_argument("--minimize", help="shrink this differing file")
    args = ap.parse_args()
    if args.minimize:
        out = minimize(args.dump_code, args.minimize)
        print(open(out).read())
        return
    os.makedirs(args.keep, exist_ok=True)
    rng = random.Random(args.seed)
    gen = Gen(rng)
    bad = 0
    for i in range(args.count):
        src = gen.program()
        try:
            compile(src, "<fuzz>", "exec", flags=0x400)  # must at least parse
        except SyntaxError:
            continue
        path = os.path.join(args.keep, f"case{args.seed}_{i}.py")
        with open(path, "w") as f:
            f.write(src)
        verdict = compare(args.dump_code, path)
        if verdict is None:
            os.unlink(path)
            continue
        bad += 1
        print(f"{path}: {verdict}")
    print(f"{bad} differences in {args.count} programs (seed {args.seed})")


if __name__ == "__main__":
    main()
