import _string

print(type(_string.formatter_parser('')).__name__, type(_string.formatter_field_name_split('a')[1]).__name__)
for s in ['', 'abc', 'a{0}b', 'a{{b', 'a}}b', '{', '}', 'a}', '{0!r:>{1}}', '{x[a:b]}', '{!}', '{0!}', '{0!rr}',
          '{0:{1:{2}}}', '{a{b}', '{0', 'x{}y{}', '{0[}', '{[}]}', '{:}', '{!r}', '{0!s}', '{{}}', '}}{{', 'é{ü!a:ß}',
          '{0:}}', '{a.b[c]!r:^10}tail', 'abc{', '{}}', '{{{0}}}']:
    try:
        print(repr(s), list(_string.formatter_parser(s)))
    except Exception as e:
        print(repr(s), type(e).__name__, e)
for s in ['', 'a', '0', '12.x[3]', 'a.b[c][1].d', 'a.', 'a[', 'a[]', 'a[1]x', 'a..b', '99999999999999999999999',
          'a[99999999999999999999999]', '.a', '[0]', 'a[x.y]', 'a[0].b[ ]']:
    try:
        f, r = _string.formatter_field_name_split(s)
        print(repr(s), repr(f), list(r))
    except Exception as e:
        print(repr(s), type(e).__name__, e)
for bad in [1, None]:
    for f in [_string.formatter_parser, _string.formatter_field_name_split]:
        try:
            f(bad)
        except Exception as e:
            print(type(e).__name__, e)
it = _string.formatter_parser('a{')
print(next(it) if False else 'skip')
try:
    next(it)
except ValueError as e:
    print('ValueError', e)

