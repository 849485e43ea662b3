import re
import copy


def run(label, f):
    try:
        r = f()
    except Exception as e:
        r = '%s: %s' % (type(e).__name__, e)
    print(label, '->', r)


scanner = re.Scanner([
    (r'[a-zA-Z_]\w*', lambda s, t: ('NAME', t)),
    (r'\d+\.\d*|\d+', lambda s, t: ('NUM', t)),
    (r'[-+*/=()]', lambda s, t: ('OP', t)),
    (r'\s+', None),
])
run('Scanner', lambda: scanner.scan('x1 = 3.14 * (y + 42) $'))
p = re.compile(r'(?P<w>\w+)')
run('deepcopy', lambda: copy.deepcopy(p) is p)
run('dict key', lambda: {re.compile('a'): 1}[re.compile('a')])
run('weakref', lambda: __import__('weakref').ref(p)() is p)
run('bytes expand', lambda: re.match(rb'(?P<a>\w)(\w)', b'xy').expand(rb'\2\g<a>'))
run('bytearray subject', lambda: (re.findall(rb'\d', bytearray(b'a1b2')), re.sub(rb'\d', b'#', bytearray(b'a1b2'))))
run('memoryview subject', lambda: re.match(rb'(a)(b)', memoryview(b'abc')).groups())
run('mv group type', lambda: type(re.match(rb'a', bytearray(b'ab')).group()).__name__)
run('str subclass', lambda: type(re.match(r'.*', type('S', (str,), {})('abc')).group()).__name__)
run('match.string', lambda: re.match('b', 'abc', ).string if re.match('b', 'abc') else re.search('b', 'abc').string)
run('sub count kw', lambda: re.sub('a', 'b', 'aaa', count=2))
run('sub flags', lambda: re.sub('A', 'b', 'aAa', flags=re.I))
run('split flags', lambda: re.split('X', 'axbXc', flags=re.I))
run('findall bytes groups', lambda: re.findall(rb'(a)(b)?', b'aab'))
run('fullmatch alternation', lambda: re.fullmatch(r'a|ab', 'ab').span())
run('search ^ M pos', lambda: re.compile('^b', re.M).search('a\nb', 1).span())
run('endpos dollar', lambda: re.compile('a$').search('ab', 0, 1).span())
run('lookbehind at pos', lambda: re.compile(r'(?<=a)b').search('ab', 1).span())
run('finditer empty', lambda: [m.span() for m in re.finditer(r'\b|x', 'ab x')])
run('sub empty around', lambda: re.sub(r'\b', '|', 'ab cd'))
run('template cache', lambda: [re.sub(r'(a)', r'<\1>', s) for s in ('a', 'ba', 'cab')])
run('unicode ignore', lambda: [bool(re.fullmatch(p, s, re.I)) for p, s in (('ΣΑΣ', 'σας'), ('ﬀ', 'FF'), ('ǈ', 'ǉ'), ('[ǈ-ǉ]', 'Ǉ'), ('ϐ', 'Β'), ('ẞ', 'ß'), ('ꙋ', 'ᲈ'))])
run('greedy groups', lambda: re.match(r'(\w+)(\w+)(\w+)', 'abcdef').groups())
run('group in repeat', lambda: (re.match(r'(?:(\w)\s?)+', 'a b c').group(1), re.match(r'(a|(b))+', 'ab').groups(), re.match(r'(a|(b))+', 'ba').groups()))
run('lastindex nested', lambda: [re.match(p, 'ab').lastindex for p in (r'(a)(b)', r'((a)(b))', r'(a(b))', r'(?:(a)|b)*')])
run('repeat group reset', lambda: re.match(r'(?:(a)|(b))*', 'ab').groups())
run('possessive groups', lambda: re.match(r'(?:(a)|(b))*+', 'ab').groups())
run('atomic groups', lambda: re.match(r'(?>(a)|(b))*', 'ab').groups())
run('min until groups', lambda: re.match(r'(?:(a)|(b))*?c', 'abc').groups())
run('assert_not groups', lambda: re.match(r'(?!(a)c)(\w)', 'ab').groups())
run('branch groups', lambda: re.match(r'(a)x|(a)y', 'ay').groups())
run('backref repeated', lambda: re.match(r'(a)+\1', 'aaa').span())
run('cond in repeat', lambda: [m.group() for m in re.finditer(r'(?:(<)?\w+(?(1)>))', '<a> b <c')])
run('charset big', lambda: re.findall('[\u0100-\u017f\u4e00-\u4e10\U0001f600]+', 'aĀħ一x😀'))
run('charset negate big', lambda: re.findall('[^\u0100-\u017f]+', 'aĀb'))
run('ignore big', lambda: re.findall('(?i)[ā-ą]+', 'ĀāĄą'))
run('word boundary bytes', lambda: re.findall(rb'\b\w', b'ab c\xe9'))
run('locale word bytes', lambda: re.findall(rb'(?L)\b\w+', b'ab c\xe9'))
run('category uni', lambda: re.findall(r'[\s\d]+', 'a\u2028\u0660 b'))
run('linebreak', lambda: (re.findall(r'^.', 'a\u2028b\nc', re.M), re.findall(r'.$', 'a\u2028b\rc\n', re.M)))
