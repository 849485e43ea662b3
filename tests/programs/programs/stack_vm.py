# A compiler from expressions/statements to bytecode for a small stack virtual machine.
def tokenize(src):
    toks, i = [], 0
    while i < len(src):
        c = src[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            j = i
            while j < len(src) and src[j].isdigit():
                j += 1
            toks.append(("num", int(src[i:j])))
            i = j
        elif c.isalpha():
            j = i
            while j < len(src) and src[j].isalnum():
                j += 1
            word = src[i:j]
            toks.append(("kw" if word in ("while", "if", "else", "print", "end") else "name", word))
            i = j
        elif src[i:i + 2] in ("==", "!=", "<=", ">="):
            toks.append(("op", src[i:i + 2]))
            i += 2
        else:
            toks.append(("op", c))
            i += 1
    return toks
class Compiler:
    PREC = {"==": 1, "!=": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "+": 2, "-": 2, "*": 3, "/": 3, "%": 3}
    def __init__(self, toks):
        self.toks, self.i, self.code = toks, 0, []
    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)
    def next(self):
        t = self.toks[self.i]
        self.i += 1
        return t
    def emit(self, *ins):
        self.code.append(ins)
        return len(self.code) - 1
    def program(self):
        while self.i < len(self.toks):
            self.statement()
        self.emit("HALT")
        return self.code
    def block(self):
        while self.peek() not in (("kw", "end"), ("kw", "else")):
            self.statement()
    def statement(self):
        kind, val = self.next()
        if kind == "kw" and val == "print":
            self.expr(0)
            self.emit("PRINT")
        elif kind == "kw" and val == "while":
            top = len(self.code)
            self.expr(0)
            jump = self.emit("JUMP_IF_FALSE", None)
            self.block()
            self.next()
            self.emit("JUMP", top)
            self.code[jump] = ("JUMP_IF_FALSE", len(self.code))
        elif kind == "kw" and val == "if":
            self.expr(0)
            jump = self.emit("JUMP_IF_FALSE", None)
            self.block()
            if self.next() == ("kw", "else"):
                skip = self.emit("JUMP", None)
                self.code[jump] = ("JUMP_IF_FALSE", len(self.code))
                self.block()
                self.next()
                self.code[skip] = ("JUMP", len(self.code))
            else:
                self.code[jump] = ("JUMP_IF_FALSE", len(self.code))
        elif kind == "name" and self.peek() == ("op", "="):
            self.next()
            self.expr(0)
            self.emit("STORE", val)
        else:
            raise SyntaxError(f"unexpected token {val!r}")
    def expr(self, min_prec):
        self.atom()
        while self.peek()[0] == "op" and self.PREC.get(self.peek()[1], -1) > min_prec:
            op = self.next()[1]
            self.expr(self.PREC[op])
            self.emit("BINARY", op)
    def atom(self):
        kind, val = self.next()
        if kind == "num":
            self.emit("PUSH", val)
        elif kind == "name":
            self.emit("LOAD", val)
        elif (kind, val) == ("op", "("):
            self.expr(0)
            self.next()
        elif (kind, val) == ("op", "-"):
            self.atom()
            self.emit("NEG")
        else:
            raise SyntaxError(f"bad atom {val!r}")
OPS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a // b,
       "%": lambda a, b: a % b, "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b),
       "<": lambda a, b: int(a < b), ">": lambda a, b: int(a > b), "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b)}
def run(code, out, limit=100000):
    stack, env, pc, steps = [], {}, 0, 0
    while True:
        steps += 1
        if steps > limit:
            raise RuntimeError("step limit exceeded")
        op, *args = code[pc]
        pc += 1
        if op == "PUSH":
            stack.append(args[0])
        elif op == "LOAD":
            stack.append(env[args[0]])
        elif op == "STORE":
            env[args[0]] = stack.pop()
        elif op == "BINARY":
            b, a = stack.pop(), stack.pop()
            stack.append(OPS[args[0]](a, b))
        elif op == "NEG":
            stack.append(-stack.pop())
        elif op == "PRINT":
            out.append(stack.pop())
        elif op == "JUMP":
            pc = args[0]
        elif op == "JUMP_IF_FALSE":
            if not stack.pop():
                pc = args[0]
        elif op == "HALT":
            return env, steps
SOURCE = """
n = 10  a = 0  b = 1  i = 0
while i < n  print a  t = a + b  a = b  b = t  i = i + 1 end
x = 100
if x % 2 == 0 print 1 else print 0 end
k = 2  primes = 0
while k < 60
  d = 2  p = 1
  while d * d <= k  if k % d == 0 p = 0 end  d = d + 1 end
  if p print k  primes = primes + 1 end
  k = k + 1
end
print -(3 + 4) * 2 - -5
"""
code = Compiler(tokenize(SOURCE)).program()
print(len(code), "instructions")
for addr, ins in enumerate(code[:12]):
    print(f"{addr:3} {ins[0]:<14} {' '.join(map(str, ins[1:]))}")
out = []
env, steps = run(code, out)
print(out)
print(sorted(env.items()), steps)
for bad in ["print", "x = = 1", "while 1 x = 1 end", "print y"]:
    try:
        out = []
        run(Compiler(tokenize(bad)).program(), out, limit=1000)
    except (SyntaxError, RuntimeError, KeyError, IndexError) as e:
        print(f"{bad!r}: {type(e).__name__}: {e}")
