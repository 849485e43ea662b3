import re


def show(m):
    if m is None:
        return None
    return (m.group(0), m.span(), m.groups(), m.groupdict())


def run(label, f):
    try:
        r = f()
    except Exception as e:
        r = '%s: %s' % (type(e).__name__, e)
    print(label, '->', r)


run('search', lambda: show(re.search(r'(\d+)-(\d+)', 'tel 555-1234 x')))
run('match', lambda: show(re.match(r'\w+', 'hello world')))
run('match none', lambda: re.match(r'world', 'hello world'))
run('fullmatch', lambda: (show(re.fullmatch(r'\w+', 'hello')), re.fullmatch(r'\w+', 'hello!')))
run('named', lambda: show(re.search(r'(?P<key>\w+)=(?P<val>[^;]*)', 'a=1;b=2')))
run('named ref', lambda: show(re.search(r'(?P<c>.)(?P=c)', 'abccd')))
run('backref', lambda: re.findall(r'\b(\w+) \1\b', 'the the cat sat sat down'))
run('lookahead', lambda: re.findall(r'\w+(?=,)', 'a, b, c d,'))
run('lookbehind', lambda: re.findall(r'(?<=\$)\d+', 'cost $30 or $45'))
run('neg look', lambda: re.findall(r'\b(?!un)\w+', 'undo redo unto onto'))
run('atomic', lambda: (re.match(r'(?>.*)x', 'abcx'), show(re.match(r'(?>a|ab)c', 'ac'))))
run('possessive', lambda: (re.match(r'a*+a', 'aaa'), show(re.match(r'a*+b', 'aaab')), show(re.match(r'(?:a|b)++c', 'abac'))))
run('conditional', lambda: [show(re.match(r'(<)?(\w+)(?(1)>|$)', s)) for s in ('<a>', 'a', '<a', 'a>')])
run('flags I', lambda: re.findall(r'straße|ǆ', 'STRASSE Straße ǅ Ǆ', re.I))
run('flags M', lambda: re.findall(r'^\w', 'ab\ncd\nef', re.M))
run('flags S', lambda: (re.match(r'a.b', 'a\nb'), show(re.match(r'a.b', 'a\nb', re.S))))
run('flags X', lambda: show(re.match(r'''(?x)
    (\d{3})  # area
    [-\ ]?
    (\d{4})  # number
''', '555 1234')))
run('flags A', lambda: (re.findall(r'\w+', 'héllo wörld'), re.findall(r'\w+', 'héllo wörld', re.A)))
run('flags L bytes', lambda: re.findall(rb'\w+', b'caf\xe9 ok', re.L))
run('flags L str', lambda: re.compile('a', re.L))
run('inline', lambda: (show(re.match(r'(?i:a)b', 'Ab')), re.match(r'(?i:a)b', 'AB'), show(re.match(r'(?s:.)', '\n'))))
run('bytes', lambda: (re.findall(rb'[a-z]+', b'ab 12 cd'), re.sub(rb'\d', b'#', b'a1b2')))
run('unicode classes', lambda: re.findall(r'\d+|\s+', '१२३ \u3000x'))
run('empty matches', lambda: (re.findall(r'', 'ab'), re.split(r'', 'ab'), re.sub(r'', '-', 'ab')))
run('split', lambda: (re.split(r'\W+', 'a, b; c'), re.split(r'(\W+)', 'a, b'), re.split(r'x', 'axbxc', maxsplit=1)))
run('finditer', lambda: [(m.start(), m.group()) for m in re.finditer(r'\d+', 'a1b22c333')])
run('findall tuple', lambda: re.findall(r'(\w)=(\d)?', 'a=1 b= c=3'))
run('sub template', lambda: re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'joe@example bob@test'))
run('sub named', lambda: re.sub(r'(?P<first>\w+) (?P<last>\w+)', r'\g<last>, \g<first>', 'John Smith'))
run('sub g0', lambda: re.sub(r'\d+', r'<\g<0>>', 'a1b22'))
run('sub escapes', lambda: re.sub(r'x', r'\n\t\\', 'axb'))
run('sub unmatched group', lambda: re.sub(r'(a)|b', r'[\1]', 'ab'))
run('sub callable', lambda: re.sub(r'\d+', lambda m: str(int(m.group()) + 1), 'v9 v10'))
run('subn', lambda: re.subn(r'o', '0', 'foo boo', count=3))
run('sub bytes template', lambda: re.sub(rb'(\d)', rb'<\1>', b'a1b2'))
run('expand', lambda: re.match(r'(\w+) (?P<n>\d+)', 'item 42').expand(r'\g<n>: \1'))
run('escape', lambda: (re.escape('a.b*c?'), re.escape(b'a.b')))
run('compile cache', lambda: re.compile(r'ab') is re.compile(r'ab'))
run('pattern repr', lambda: [repr(re.compile(p, f)) for p, f in ((r'a\d', 0), ('b', re.I | re.S), (b'c', 0), ('d', re.A | re.X))])
run('match repr', lambda: repr(re.search(r'b+', 'abbbc')))
run('lastgroup', lambda: [(m.lastgroup, m.lastindex) for m in re.finditer(r'(?P<num>\d+)|(?P<word>[a-z]+)', '12 ab')])
run('scanner', lambda: [m.group() for m in iter(re.compile(r'\w').scanner('a b').search, None)])
run('Pattern Match types', lambda: (re.Pattern, re.Match, isinstance(re.compile('a'), re.Pattern), re.Pattern[str]))
run('copy', lambda: (__import__('copy').copy(re.compile('a')) is re.compile('a'),))
run('template methods', lambda: re.compile(r'(?P<x>a)').sub(r'\g<x>\g<x>', 'bab'))
run('groupindex', lambda: re.compile(r'(?P<a>.)(?P<b>.)').groupindex)
run('bool flags', lambda: (re.I, re.IGNORECASE | re.MULTILINE, repr(re.A | re.I)))
run('long subject', lambda: len(re.findall(r'ab', 'ab' * 50000)))
run('long sub', lambda: len(re.sub(r'a', 'bb', 'a' * 100000)))
run('greedy vs lazy', lambda: (re.findall(r'<.*>', '<a><b>'), re.findall(r'<.*?>', '<a><b>')))
run('repeat counts', lambda: [re.fullmatch(r'(?:ab){2,3}', s) is not None for s in ('ab', 'abab', 'ababab', 'abababab')])
run('min repeat', lambda: show(re.match(r'(a{2,}?)(a*)', 'aaaaa')))
run('nested groups', lambda: show(re.match(r'((a)(b(c)))(d)?', 'abc')))
run('case fold ranges', lambda: re.findall(r'[à-ÿ]+', 'ÀÉÎõü', re.I))
run('charset ignore special', lambda: [bool(re.match(p, s, re.I)) for p, s in ((r'[k]', '\u212a'), (r'[\u212a]', 'k'), (r'[s]', 'ſ'), (r'[ſ]', 'S'), (r'[i]', 'İ'), (r'[ı]', 'I'), (r'[µ]', 'Μ'))])
run('word boundary unicode', lambda: re.findall(r'\b\w', 'été à ÿ'))
run('dollar newline', lambda: (re.findall(r'a$', 'a\na\n'), re.findall(r'a\Z', 'a\na\n'), re.findall(r'a$', 'a\na\n', re.M)))
run('any newline', lambda: re.findall(r'.', 'a\nb'))
run('nul and surrogates', lambda: (re.findall('\x00+', 'a\x00\x00b'), re.findall('[\ud800-\udfff]', 'a\ud800b')))
