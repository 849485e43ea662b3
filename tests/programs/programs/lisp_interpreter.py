# A small Lisp interpreter: reader, environments, closures, tail-recursive loop, macros-lite.
class LispError(Exception):
    pass
class Symbol(str):
    pass
def tokenize(src):
    return src.replace("(", " ( ").replace(")", " ) ").replace("'", " ' ").split()
def read(tokens):
    if not tokens:
        raise LispError("unexpected EOF")
    tok = tokens.pop(0)
    if tok == "(":
        lst = []
        while tokens and tokens[0] != ")":
            lst.append(read(tokens))
        if not tokens:
            raise LispError("missing )")
        tokens.pop(0)
        return lst
    if tok == ")":
        raise LispError("unexpected )")
    if tok == "'":
        return [Symbol("quote"), read(tokens)]
    try:
        return int(tok)
    except ValueError:
        try:
            return float(tok)
        except ValueError:
            return Symbol(tok)
class Env(dict):
    def __init__(self, params=(), args=(), outer=None):
        super().__init__(zip(params, args))
        self.outer = outer
    def find(self, name):
        env = self
        while env is not None:
            if name in env:
                return env
            env = env.outer
        raise LispError(f"unbound symbol: {name}")
class Lambda:
    def __init__(self, params, body, env):
        self.params, self.body, self.env = params, body, env
    def __repr__(self):
        return f"<lambda ({' '.join(self.params)})>"
def standard_env():
    env = Env()
    env.update({
        "+": lambda *a: sum(a), "-": lambda a, *b: -a if not b else a - sum(b), "*": lambda *a: _prod(a),
        "/": lambda a, b: a // b if isinstance(a, int) and isinstance(b, int) else a / b,
        "<": lambda a, b: a < b, ">": lambda a, b: a > b, "=": lambda a, b: a == b, "<=": lambda a, b: a <= b,
        "car": lambda l: l[0], "cdr": lambda l: l[1:], "cons": lambda a, l: [a] + l, "list": lambda *a: list(a),
        "null?": lambda l: l == [], "length": len, "not": lambda x: not x, "mod": lambda a, b: a % b,
        "display": lambda *a: print(*[to_str(x) for x in a]) or None,
    })
    return env
def _prod(xs):
    r = 1
    for x in xs:
        r *= x
    return r
def to_str(x):
    if x is True:
        return "#t"
    if x is False:
        return "#f"
    if x is None:
        return "nil"
    if isinstance(x, list):
        return "(" + " ".join(map(to_str, x)) + ")"
    return str(x)
def evaluate(x, env):
    while True:
        if isinstance(x, Symbol):
            return env.find(x)[x]
        if not isinstance(x, list):
            return x
        if not x:
            return []
        op, *args = x
        if op == "quote":
            return args[0]
        if op == "if":
            test, conseq, alt = args
            x = conseq if evaluate(test, env) not in (False, None, []) else alt
            continue
        if op == "define":
            name, expr = args
            env[name] = evaluate(expr, env)
            return None
        if op == "set!":
            name, expr = args
            env.find(name)[name] = evaluate(expr, env)
            return None
        if op == "lambda":
            return Lambda(args[0], args[1], env)
        if op == "begin":
            for e in args[:-1]:
                evaluate(e, env)
            x = args[-1]
            continue
        if op == "let":
            bindings, body = args
            names = [b[0] for b in bindings]
            vals = [evaluate(b[1], env) for b in bindings]
            env = Env(names, vals, env)
            x = body
            continue
        proc = evaluate(op, env)
        vals = [evaluate(a, env) for a in args]
        if isinstance(proc, Lambda):
            if len(vals) != len(proc.params):
                raise LispError(f"arity mismatch: expected {len(proc.params)}, got {len(vals)}")
            env = Env(proc.params, vals, proc.env)
            x = proc.body
            continue
        if callable(proc):
            return proc(*vals)
        raise LispError(f"not a procedure: {to_str(proc)}")
def run(src, env):
    tokens = tokenize(src)
    result = None
    while tokens:
        result = evaluate(read(tokens), env)
    return result
env = standard_env()
program = """
(define fact (lambda (n) (if (<= n 1) 1 (* n (fact (- n 1))))))
(define fib (lambda (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))))
(define map (lambda (f l) (if (null? l) '() (cons (f (car l)) (map f (cdr l))))))
(define filter (lambda (p l) (if (null? l) '() (if (p (car l)) (cons (car l) (filter p (cdr l))) (filter p (cdr l))))))
(define range (lambda (a b) (if (>= a b) '() (cons a (range (+ a 1) b)))))
(define >= (lambda (a b) (not (< a b))))
(define count-down (lambda (n acc) (if (= n 0) acc (count-down (- n 1) (+ acc 1)))))
(define make-counter (lambda () (let ((n 0)) (lambda () (begin (set! n (+ n 1)) n)))))
"""
run(program, env)
tests = ["(fact 10)", "(fact 25)", "(fib 15)", "(map (lambda (x) (* x x)) (range 0 8))",
         "(filter (lambda (x) (= (mod x 3) 0)) (range 1 20))", "(count-down 5000 0)", "(length (range 0 50))",
         "(let ((a 2) (b 3)) (* a b))", "(begin (define c (make-counter)) (c) (c) (c))", "'(a b (c d))",
         "(if '() 'yes 'no)", "(display 'hello (list 1 2) (= 1 1))", "(/ 7 2)", "(/ 7.0 2)", "(car '())",
         "(undefined 1)", "(fact 1 2)", "(1 2)", "(+ 1", ")", "fact"]
for t in tests:
    try:
        print(f"{t} => {to_str(run(t, env))}")
    except LispError as e:
        print(f"{t} !! LispError: {e}")
    except IndexError as e:
        print(f"{t} !! IndexError: {e}")
