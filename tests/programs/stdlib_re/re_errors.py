import re


def run(label, f):
    try:
        r = f()
    except re.error as e:
        r = 'error: %s | pos=%r lineno=%r colno=%r' % (e, e.pos, e.lineno, e.colno)
    except Exception as e:
        r = '%s: %s' % (type(e).__name__, e)
    print(label, '->', r)


for p in ['(', ')', '[a', 'a**', '(?P<1>a)', '(?P<a>a)(?P<a>b)', r'\1', '(?<=a+)b', 'a{3,2}', '(?z)',
          '[z-a]', r'\p', '(?(2)a|b)', '(?P=x)', '*a', 'a|*', '(?i', '(?#', r'x\\', '(?<!a|bc)d',
          '(?P<a>', 'a\n(b', '(?x)\n\n  [', '(?-i)', '(?a)(?u)', 'a{,99999999999}', '(' * 200 + ')' * 199]:
    run('compile %r' % p[:40], lambda: re.compile(p))

run('bytes \\w flags', lambda: re.compile(b'a', re.U))
run('str L', lambda: re.compile('a', re.L))
run('A and U', lambda: re.compile('a', re.A | re.U))
run('bad template', lambda: re.sub('(a)', r'\2', 'a'))
run('bad template name', lambda: re.sub('(a)', r'\g<x>', 'a'))
run('bad template syntax', lambda: re.sub('(a)', r'\g<1', 'a'))
run('bad escape in template', lambda: re.sub('a', r'\q', 'a'))
run('repl type', lambda: re.sub('a', 1, 'a'))
run('string type', lambda: re.sub('a', 'b', 1))
run('mixed', lambda: re.sub('a', b'b', 'a'))
run('mixed 2', lambda: re.search(b'a', 'a'))
run('expand bad', lambda: re.match('(a)', 'a').expand(r'\3'))
run('group bad', lambda: re.match('(a)', 'a').group(5))
run('group name bad', lambda: re.match('(?P<n>a)', 'a').group('m'))
run('callable raises', lambda: re.sub('a', lambda m: 1 / 0, 'a'))
run('callable wrong type', lambda: re.sub('a', lambda m: 5, 'aa'))
run('flags type', lambda: re.compile('a', 'x'))
run('purge', lambda: re.purge())
run('error class', lambda: (re.error.__module__, re.error.__name__, issubclass(re.error, Exception)))
