# A tokenizer, recursive-descent parser and evaluator for arithmetic with variables.
class CalcError(Exception):
    pass
class Token:
    def __init__(self, kind, value, pos):
        self.kind, self.value, self.pos = kind, value, pos
    def __repr__(self):
        return f"Token({self.kind}, {self.value!r}, {self.pos})"
def tokenize(src):
    tokens = []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit() or (ch == "." and i + 1 < len(src) and src[i + 1].isdigit()):
            start = i
            while i < len(src) and (src[i].isdigit() or src[i] == "."):
                i += 1
            text = src[start:i]
            if text.count(".") > 1:
                raise CalcError(f"bad number {text!r} at {start}")
            tokens.append(Token("num", float(text) if "." in text else int(text), start))
        elif ch.isalpha() or ch == "_":
            start = i
            while i < len(src) and (src[i].isalnum() or src[i] == "_"):
                i += 1
            tokens.append(Token("name", src[start:i], start))
        elif src.startswith("**", i):
            tokens.append(Token("op", "**", i))
            i += 2
        elif ch in "+-*/%^(),=":
            tokens.append(Token("op", ch, i))
            i += 1
        else:
            raise CalcError(f"unexpected character {ch!r} at {i}")
    tokens.append(Token("end", None, len(src)))
    return tokens
class Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.i = 0
    def peek(self):
        return self.tokens[self.i]
    def take(self, value=None):
        tok = self.tokens[self.i]
        if value is not None and tok.value != value:
            raise CalcError(f"expected {value!r} at {tok.pos}, found {tok.value!r}")
        self.i += 1
        return tok
    def statement(self):
        if self.peek().kind == "name" and self.tokens[self.i + 1].value == "=":
            name = self.take().value
            self.take("=")
            node = ("assign", name, self.expr())
        else:
            node = self.expr()
        if self.peek().kind != "end":
            raise CalcError(f"trailing input at {self.peek().pos}")
        return node
    def expr(self):
        node = self.term()
        while self.peek().value in ("+", "-"):
            op = self.take().value
            node = (op, node, self.term())
        return node
    def term(self):
        node = self.unary()
        while self.peek().value in ("*", "/", "%"):
            op = self.take().value
            node = (op, node, self.unary())
        return node
    def unary(self):
        if self.peek().value == "-":
            self.take()
            return ("neg", self.unary())
        if self.peek().value == "+":
            self.take()
            return self.unary()
        return self.power()
    def power(self):
        base = self.atom()
        if self.peek().value in ("**", "^"):
            self.take()
            return ("**", base, self.unary())
        return base
    def atom(self):
        tok = self.take()
        if tok.kind == "num":
            return ("num", tok.value)
        if tok.kind == "name":
            if self.peek().value == "(":
                self.take("(")
                args = []
                if self.peek().value != ")":
                    args.append(self.expr())
                    while self.peek().value == ",":
                        self.take()
                        args.append(self.expr())
                self.take(")")
                return ("call", tok.value, args)
            return ("var", tok.value)
        if tok.value == "(":
            node = self.expr()
            self.take(")")
            return node
        raise CalcError(f"unexpected {tok.value!r} at {tok.pos}")
FUNCS = {"max": max, "min": min, "abs": abs, "sqrt": lambda x: x ** 0.5, "avg": lambda *a: sum(a) / len(a)}
def evaluate(node, env):
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "var":
        if node[1] not in env:
            raise CalcError(f"unknown variable {node[1]!r}")
        return env[node[1]]
    if kind == "assign":
        env[node[1]] = evaluate(node[2], env)
        return env[node[1]]
    if kind == "neg":
        return -evaluate(node[1], env)
    if kind == "call":
        if node[1] not in FUNCS:
            raise CalcError(f"unknown function {node[1]!r}")
        return FUNCS[node[1]](*[evaluate(a, env) for a in node[2]])
    a, b = evaluate(node[1], env), evaluate(node[2], env)
    if kind in ("/", "%") and b == 0:
        raise CalcError("division by zero")
    if kind == "+":
        return a + b
    if kind == "-":
        return a - b
    if kind == "*":
        return a * b
    if kind == "/":
        return a / b
    if kind == "%":
        return a % b
    return a ** b
env = {"pi": 3.14159}
lines = ["1 + 2 * 3", "(1 + 2) * 3", "2 ** 3 ** 2", "-2 ** 2", "x = 10", "y = x * 2 + 1", "y % 7", "max(x, y, 3) - min(4, 2)",
         "sqrt(16) + abs(-3)", "avg(1, 2, 3, 4)", "pi * 2", "10 / 4", "7 / 0", "3 +", "2 $ 3", "z + 1", "foo(1)", "1.2.3",
         "((4))", "2 ^ 10", "r = 1.5e", "--5", "(1, 2)", "area = pi * 3 ** 2", "area"]
for line in lines:
    try:
        tree = Parser(tokenize(line)).statement()
        result = evaluate(tree, env)
        print(f"{line:28} => {result!r}")
    except CalcError as e:
        print(f"{line:28} !! {e}")
print(sorted(env.items()))
print(tokenize("a1 = 2**x")[:4])
