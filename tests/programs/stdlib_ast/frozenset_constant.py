# An AST Constant holding a frozenset (built by a program: the parser never
# makes one) compiles to a frozenset constant, nested frozensets and tuples
# inside them included; ast.dump and unparse show it.
import ast


def compile_constant(value):
    tree = ast.parse("x = 123")
    node = tree.body[0].value
    new = ast.Constant(value=value)
    ast.copy_location(new, node)
    tree.body[0].value = new
    ns = {}
    exec(compile(tree, "<string>", "exec"), ns)
    return ns["x"]


nested = frozenset({1})
for _ in range(3):
    nested = frozenset({nested, 2})
values = [
    frozenset(),
    frozenset("frozenset"),
    frozenset({(1, 2), (3, (4, 5)), "a", b"b", None, 1.5, 2j, ...}),
    frozenset({frozenset(), frozenset({1})}),
    nested,
    (frozenset({1, 2}), 3),
]
for v in values:
    r = compile_constant(v)
    print(type(r).__name__, r == v, len(r))

# The compiled code's constant is a frozenset.
tree = ast.Module(
    body=[ast.Expr(value=ast.Constant(value=frozenset({7})), lineno=1, col_offset=0)], type_ignores=[]
)
ast.fix_missing_locations(tree)
code = compile(tree, "<ast>", "exec")
print([type(c).__name__ for c in code.co_consts])
# eval mode
expr = ast.Expression(body=ast.Constant(value=frozenset({(1, 2)})))
ast.fix_missing_locations(expr)
print(eval(compile(expr, "<ast>", "eval")))
print(ast.unparse(ast.Constant(value=frozenset({5}))))

# A frozenset holding something that is no constant is still refused.
bad = ast.Expression(body=ast.Constant(value=frozenset({object})))
ast.fix_missing_locations(bad)
try:
    compile(bad, "<ast>", "eval")
except TypeError as e:
    print("TypeError:", e)
# MatchSingleton takes only None, True and False.
try:
    tree = ast.parse("match x:\n case None: pass")
    tree.body[0].cases[0].pattern = ast.MatchSingleton(value=frozenset(), lineno=2, col_offset=6, end_lineno=2, end_col_offset=10)
    compile(tree, "<ast>", "exec")
except ValueError as e:
    print("ValueError:", e)
