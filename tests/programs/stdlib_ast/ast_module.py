# Lib's ast module on top of _ast: parse, dump, walk, visitors, transformers
# that compile and run, locations, docstrings, literal_eval and its errors.
import ast

src = '''
"""Module doc."""
import os
from collections import namedtuple as nt

CONST = 3


def area(w, h=2, *, scale=1.0):
    """Area of a rectangle.

    Scaled.
    """
    return w * h * scale


class Shape(object):
    "A shape."
    sides: int = 0

    async def grow(self, by):
        async with self.lock:
            await by
        return [x async for x in by]
'''
tree = ast.parse(src)
print(ast.dump(tree)[:300])
print(ast.dump(tree.body[3], indent=2))
print(ast.dump(tree.body[1], include_attributes=True))
print(ast.dump(ast.parse('x = 1', mode='single')))
print(ast.dump(ast.parse('x + 1', mode='eval'), annotate_fields=False))
# (clean=True, the default, imports inspect.)
print(ast.get_docstring(tree, False), '|', ast.get_docstring(tree.body[5], clean=False))
print(repr(ast.get_docstring(tree.body[4], clean=False)), ast.get_docstring(ast.parse('x = 1'), False))
print(sorted({type(n).__name__ for n in ast.walk(tree)}))
print([type(n).__name__ for n in ast.iter_child_nodes(tree.body[4])])
print([(name, type(value).__name__) for name, value in ast.iter_fields(tree.body[2])])
print(ast.get_source_segment(src, tree.body[4].body[1].value))
print(ast.get_source_segment(src, tree.body[4].args, padded=True))


class Counter(ast.NodeVisitor):
    def __init__(self):
        self.names = []
        self.calls = 0

    def visit_Name(self, node):
        self.names.append(node.id)

    def visit_Call(self, node):
        self.calls += 1
        self.generic_visit(node)


c = Counter()
c.visit(ast.parse('f(a, g(b), *c, d=e)\nh = i + j'))
print(c.names, c.calls)


class Rewrite(ast.NodeTransformer):
    def visit_BinOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Add):
            return ast.copy_location(ast.BinOp(node.left, ast.Mult(), node.right), node)
        return node

    def visit_Constant(self, node):
        if isinstance(node.value, str):
            return ast.Constant(node.value.upper())
        return node

    def visit_Pass(self, node):
        return None

    def visit_Expr(self, node):
        self.generic_visit(node)
        return [node, ast.Expr(ast.Call(ast.Name('print', ast.Load()), [ast.Constant('after')], []))]


code = '''
def f(a, b):
    pass
    return a + b
print(f(3, 4), 'shout')
'''
tree = Rewrite().visit(ast.parse(code))
ast.fix_missing_locations(tree)
print(ast.unparse(tree))
exec(compile(tree, '<rewritten>', 'exec'))

tree = ast.parse('x = 1\ny = 2\n')
ast.increment_lineno(tree, 10)
print([(n.lineno, n.end_lineno) for n in tree.body])
new = ast.Name('z', ast.Load())
print(ast.copy_location(new, tree.body[0]).lineno, new.col_offset)

for text in ['1', '-2.5', '1+2j', "'s'", "b'b'", '(1, [2, {3: 4}], {5})', 'set()', 'None', '...',
             "{'a': (1, -1)}", 'True', '-(1)', '3-4j']:
    print(text, '->', repr(ast.literal_eval(text)))
for text in ['x', '1 + x', 'f()', '[1, *a]', '{**a}', "'a' + 'b'", '1 +', '2 ** 3', 'set([1])', '--1']:
    try:
        print(text, '->', ast.literal_eval(text))
    except Exception as e:
        print(text, '->', type(e).__name__, str(e).split(' at 0x')[0])
print(ast.literal_eval(ast.parse('[1, 2]', mode='eval')))
print(ast.literal_eval(ast.Constant(5)))

print(ast.dump(ast.Num(5)), ast.Str('s').s, ast.Bytes(b'x').value, ast.NameConstant(None).value)
print(isinstance(ast.Constant(5), ast.Num), isinstance(ast.Constant('s'), ast.Num))
print(ast.dump(ast.parse('a[1:2]').body[0].value.slice))

try:
    ast.parse('x = = 1')
except SyntaxError as e:
    print('SyntaxError', e.msg, e.lineno, e.offset)
try:
    ast.parse('(int) -> str', mode='func_type')
except NotImplementedError:
    print('func_type not supported here')
else:
    print('func_type parsed')
print(ast.dump(ast.parse('x = 1', type_comments=True)))
print(ast.dump(ast.parse('x', feature_version=(3, 11))))
