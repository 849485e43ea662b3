# The _sre engine driven through Lib/re/_compiler.py loaded on its own (no
# `import re`: the code lists are made by the compiler at run time).
import sys


def _re_dir():
    for p in sys.path:
        try:
            open(p + '/re/_parser.py').close()
            return p + '/re'
        except OSError:
            pass


_pkg = type(sys)('srepkg')
_pkg.__path__ = [_re_dir()]
sys.modules['srepkg'] = _pkg
from srepkg import _compiler, _constants  # noqa: E402

I, L, M, S, X, A, U = 2, 4, 8, 16, 64, 256, 32


def C(p, flags=0):
    return _compiler.compile(p, flags)


def show(m):
    if m is None:
        return 'None'
    return '%r span=%r groups=%r gd=%r li=%r lg=%r' % (
        m.group(0), m.span(), m.groups(), m.groupdict(), m.lastindex, m.lastgroup)


def run(label, f):
    try:
        r = f()
    except Exception as e:
        r = '%s: %s' % (type(e).__name__, e)
    print(label, '->', r)


CASES = [
    # literals, classes, anchors
    ('abc', 0, 'xxabcxx'), ('a.c', 0, 'a\nc abc'), ('a.c', S, 'a\nc'),
    ('^abc$', 0, 'abc\n'), ('^b', M, 'a\nb'), ('a$', M, 'a\nb'), ('\\Aa\\Z', 0, 'a'),
    ('[a-f]+', 0, 'xyzdeadbeefq'), ('[^a-f]+', 0, 'deadXYZbeef'), ('[\\d_]+', 0, 'ab_12_3c'),
    ('\\w+', 0, 'héllo wörld'), ('\\w+', A, 'héllo'), ('\\s+', 0, 'a \u2003\t b'), ('\\d+', 0, 'x١٢٣4'),
    ('\\d+', A, 'x١٢٣4'), ('\\bfoo\\b', 0, 'a foo b'), ('\\Bfoo\\B', 0, 'afoob'), ('\\bé', 0, ' é'),
    ('[\u0100-\u0200\u4e00]+', 0, 'aĀȀ一b'), ('[^\\W\\d]+', 0, '12ab34'), ('[\\U0001F600-\\U0001F64F]', 0, 'x😀'),
    # groups, names, alternation
    ('(a)(b)?(c)', 0, 'ac'), ('(?P<first>\\w+) (?P<last>\\w+)', 0, 'Jane Doe'), ('(a|ab)(c|bcd)(d*)', 0, 'abcd'),
    ('(?:x|y)+(z)', 0, 'xyxyz'), ('((a)|b)+', 0, 'abab'), ('(a)|(b)', 0, 'b'), ('(?P<n>a)|(?P<m>b)', 0, 'b'),
    # repeats
    ('a{2,3}', 0, 'aaaa'), ('a{2,3}?', 0, 'aaaa'), ('(ab){2}', 0, 'ababab'), ('(ab){1,}?c', 0, 'ababc'),
    ('a*?b', 0, 'aaab'), ('(a+)+b', 0, 'aaab'), ('(a*)*b', 0, 'b'), ('(a*)+', 0, 'b'), ('(a|)*b', 0, 'aab'),
    ('x(a|bc)*?y', 0, 'xabcay'), ('(?:a*)*', 0, 'aaa'), ('(?:a?)+?b', 0, 'aab'), ('.{3}', 0, 'ab'),
    # backrefs, conditionals
    ('(a+)b\\1', 0, 'aabaa'), ('(?P<q>[\'"]).*?(?P=q)', 0, 'say "hi" now'), ('(a)?b(?(1)c|d)', 0, 'bd abc'),
    ('(?i)(a)\\1', 0, 'aA'), ('(\\w)\\1', 0, 'abccd'), ('(?:(a)|b)\\1', 0, 'b'),
    # lookaround
    ('foo(?=bar)', 0, 'foobaz foobar'), ('foo(?!bar)', 0, 'foobar foobaz'), ('(?<=a)b', 0, 'cb ab'),
    ('(?<!a)b', 0, 'ab cb'), ('(?<=(a))b', 0, 'ab'), ('(?=(\\w+))\\w', 0, 'abc'), ('(?!(a)b)\\w', 0, 'ab'),
    # atomic, possessive
    ('(?>a+)b', 0, 'aaab'), ('(?>a+)a', 0, 'aaa'), ('a++a', 0, 'aaa'), ('a*+b', 0, 'aab'), ('(?:ab)*+ab', 0, 'ababab'),
    ('(?:ab)++c', 0, 'ababc'), ('x(?>a|ab)c', 0, 'xabc'), ('(a?)*+b', 0, 'ab'), ('a{1,2}+a', 0, 'aa'),
    ('(?:(a)|b)*+c', 0, 'abac'),
    # case-insensitive
    ('(?i)abc', 0, 'xABC'), ('(?i)[a-z]+', 0, '12ABcd'), ('(?i)straße', 0, 'STRASSE'), ('(?i)ß', 0, 'ẞ'),
    ('(?i)ǅ', 0, 'ǆ'), ('(?i)[ǅ]', 0, 'Ǆ'), ('(?i)σ', 0, 'ς'), ('(?i)[^k]', 0, 'K'), ('(?i)k', 0, '\u212a'),
    ('(?i)[k-m]+', 0, '\u212aLm'), ('(?i)ı', 0, 'I'), ('(?i)i', 0, 'İ'), ('(?i)[^a]', 0, 'A'),
    ('(?ia)k', 0, '\u212a'), ('(?i)\u0130', 0, 'i'),
    # verbose
    ('(?x) a b  # comment\n c', 0, 'abc'),
]


for pat, flags, s in CASES:
    run('search %r %r' % (pat, s), lambda: show(C(pat, flags).search(s)))
    run('match %r' % (pat,), lambda: show(C(pat, flags).match(s)))
    run('fullmatch %r' % (pat,), lambda: show(C(pat, flags).fullmatch(s)))

# bytes patterns, flags on bytes
for pat, flags, s in [
    (b'a.c', 0, b'xabc'), (b'\\w+', 0, b'caf\xe9 x'), (b'(?i)caf\xc9', 0, b'CAF\xe9'), (b'(?L)\\w+', 0, b'ab_1'),
    (b'(?Li)ab', 0, b'AB'), (b'[\\x80-\\xff]+', 0, b'ab\x80\xffc'), (b'(?i)[a-c]+', 0, b'xAbCd'),
    (b'(?L)\\bx\\b', 0, b'a x b'), (b'(?Li)[^a]', 0, b'A'), (b'(a)\\1', 0, b'aa'), (b'(?Li)(a)\\1', 0, b'aA'),
]:
    run('bytes %r %r' % (pat, s), lambda: show(C(pat, flags).search(s)))
    run('bytearray %r' % (pat,), lambda: show(C(pat, flags).search(bytearray(s))))
    run('memoryview %r' % (pat,), lambda: show(C(pat, flags).search(memoryview(s))))

# pos / endpos
p = C('\\w+')
for pos, endpos in [(0, 100), (2, 5), (5, 2), (-3, 4), (3, 3), (10, 20)]:
    run('pos %d %d' % (pos, endpos), lambda: show(p.search('ab cdef gh', pos, endpos)))
    run('match pos %d %d' % (pos, endpos), lambda: show(p.match('ab cdef gh', pos, endpos)))
run('^ with pos', lambda: show(C('^c').search('abc', 2)))
run('$ with endpos', lambda: show(C('b$').search('abc', 0, 2)))
run('empty pos>endpos', lambda: show(C('').match('abc', 2, 1)))
run('search pos>endpos', lambda: show(C('x*').search('abc', 2, 1)))
run('kw', lambda: show(p.search(string='xy zz', pos=2)))
run('fullmatch endpos', lambda: show(C('a+').fullmatch('aaab', 0, 3)))

# findall, finditer, split, sub
run('findall', lambda: C('\\d+').findall('a1b22c333'))
run('findall groups', lambda: C('(\\w)(\\d)?').findall('a1bc2'))
run('findall empty', lambda: C('x*').findall('abxd'))
run('findall pos', lambda: C('\\w').findall('abcdef', 2, 4))
run('finditer', lambda: [m.span() for m in C('a|(?=b)').finditer('abab')])
run('finditer endpos', lambda: [m.group() for m in C('.').finditer('abcdef', 1, 4)])
run('split', lambda: C(',').split('a,b,,c'))
run('split groups', lambda: C('(,)|(;)').split('a,b;c'))
run('split max', lambda: C(',').split('a,b,c,d', 2))
run('split empty', lambda: C('x*').split('axbc'))
run('split b', lambda: C('\\b').split('ab cd'))
run('split bytes', lambda: C(b'\\s').split(b'a b\tc'))
run('sub literal', lambda: C('a').sub('-', 'banana'))
run('sub count', lambda: C('a').sub('-', 'banana', 2))
run('subn', lambda: C('a').subn('-', 'banana'))
run('sub empty', lambda: C('x*').sub('-', 'abxd'))
run('sub callable', lambda: C('\\d+').sub(lambda m: str(int(m.group()) * 2), 'a1b22c'))
run('sub callable None', lambda: C('\\d').sub(lambda m: None, 'a1b2'))
run('sub bytes', lambda: C(b'o').sub(b'0', b'foo'))
run('sub bad type', lambda: C('o').sub(lambda m: 1, 'foo'))
run('sub bytes repl for str', lambda: C('o').sub(b'0', 'foo'))
run('subn count', lambda: C('').subn('-', 'abc', 2))

# scanner
sc = C('\\d').scanner('a1b2')
run('scanner search', lambda: [show(sc.search()), show(sc.search()), show(sc.search()), show(sc.search())])
sc = C('\\d').scanner('12a')
run('scanner match', lambda: [show(sc.match()), show(sc.match()), show(sc.match()), show(sc.match())])
run('scanner pattern', lambda: sc.pattern.pattern)

# Match API
m = C('(?P<a>x)(?P<b>y)?(z)').search('..xz..')
run('group()', lambda: m.group())
run('group(1,2,3)', lambda: m.group(1, 2, 3))
run('group name', lambda: m.group('a'))
run('group True', lambda: m.group(True))
run('group bad', lambda: m.group(4))
run('group bad name', lambda: m.group('zz'))
run('group neg', lambda: m.group(-1))
run('group big', lambda: m.group(2**100))
run('group float', lambda: m.group(1.0))
run('getitem', lambda: (m[0], m['b'], m[3]))
run('groups default', lambda: m.groups('-'))
run('groupdict default', lambda: m.groupdict(default='-'))
run('start end', lambda: (m.start(), m.end(), m.start(2), m.end('b'), m.span('a')))
run('regs', lambda: m.regs)
run('pos endpos', lambda: (m.pos, m.endpos, m.string, m.re.pattern))
run('repr', lambda: repr(m))
run('repr long', lambda: repr(C('.+').match('x' * 100)))
run('repr bytes', lambda: repr(C(b'.+').match(b'\x00\xffab')))
run('copy', lambda: m.__copy__() is m and m.__deepcopy__({}) is m)
run('start kw', lambda: m.start(group=1))
run('lastindex', lambda: (C('(a)(b)').match('ab').lastindex, C('(a(b))').match('ab').lastindex, C('a').match('a').lastindex))
run('bool', lambda: bool(m))

# Pattern API
p = C('(?P<x>a)(b)', I | M)
run('pattern attrs', lambda: (p.pattern, p.flags, p.groups, dict(p.groupindex)))
run('groupindex type', lambda: type(p.groupindex).__name__)
run('groupindex ro', lambda: p.groupindex.__setitem__('y', 1))
run('repr p', lambda: repr(p))
run('repr flags', lambda: [repr(C('a', f)) for f in (0, I, S | X, A, U, L)])
run('repr bytes p', lambda: repr(C(b'a\\d', I)))
run('repr long p', lambda: repr(C('x' * 300)))
run('eq', lambda: (C('a') == C('a'), C('a') == C('b'), C('a') != C('a', I), C('a') == 'a', hash(C('a')) == hash(C('a'))))
run('copy p', lambda: p.__copy__() is p and p.__deepcopy__({}) is p)
run('class_getitem', lambda: repr(type(p)[str]))
run('types', lambda: (type(p).__name__, type(p).__module__, type(m).__name__, type(m).__module__))
run('new', lambda: type(p)())
run('new match', lambda: type(m)())
run('str vs bytes', lambda: C('a').search(b'a'))
run('bytes vs str', lambda: C(b'a').search('a'))
run('not a string', lambda: C('a').search(1))
run('missing arg', lambda: C('a').search())
run('bad kw', lambda: C('a').search('a', foo=1))
run('too many', lambda: C('a').search('a', 1, 2, 3))
run('pos type', lambda: C('a').search('a', 'x'))

# _sre functions
import _sre  # noqa: E402
run('consts', lambda: (_sre.MAGIC == _constants.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize()))
run('case helpers', lambda: [(_sre.ascii_iscased(c), _sre.unicode_iscased(c), _sre.ascii_tolower(c), _sre.unicode_tolower(c))
                             for c in (65, 97, 0xdf, 0x130, 0x1c5, 0x212a, 0x10400, 48)])
run('bad code', lambda: _sre.compile('a', 0, [1, 2, 3], 0, {}, (None,)))
run('bad code 2', lambda: _sre.compile('a', 0, [], 0, {}, (None,)))
run('bad code 3', lambda: _sre.compile('a', 0, [17, 5, 1], 0, {}, (None,)))
run('bad code 4', lambda: _sre.compile('a', 0, [24, 100, 0, 1, 16, 97, 1, 1], 0, {}, (None,)))
run('bad code 5', lambda: _sre.compile('a', 0, [11, 3, 1], 1, {}, (None,)))
run('code overflow', lambda: _sre.compile('a', 0, [2**32, 1], 0, {}, (None,)))
run('code neg', lambda: _sre.compile('a', 0, [-1, 1], 0, {}, (None,)))
run('code type', lambda: _sre.compile('a', 0, ['x', 1], 0, {}, (None,)))
run('good code', lambda: show(_sre.compile('a', 0, [16, 97, 1], 0, {}, (None,)).match('a')))

