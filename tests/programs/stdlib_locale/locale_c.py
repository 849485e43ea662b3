import _locale, locale

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(sorted(x for x in dir(_locale) if not x.startswith('__')))
print(_locale.Error, _locale.Error.__mro__, locale.Error is _locale.Error)
print(_locale.setlocale(_locale.LC_ALL, 'C'))
print(_locale.setlocale(_locale.LC_NUMERIC), _locale.localeconv())
show(lambda: _locale.setlocale(100))
show(lambda: _locale.setlocale(0, 'xx_YY'))
show(lambda: _locale.setlocale(_locale.LC_CTYPE, 5))
show(lambda: _locale.nl_langinfo(99999))
show(lambda: _locale.strcoll('a', 1))
# Only the sign is specified: glibc's wcscmp returns a difference or +-1
# depending on the strings' alignment, under CPython as under Taipan.
sign = lambda r: (r > 0) - (r < 0)
show(lambda: sign(_locale.strcoll('a', 'b')))
show(lambda: sign(_locale.strcoll('b', 'a')))
show(lambda: sign(_locale.strcoll('a', 'a')))
show(lambda: _locale.strxfrm('abc'))
show(lambda: _locale.strxfrm('a\0b'))
for name in ['CODESET', 'D_T_FMT', 'D_FMT', 'T_FMT', 'DAY_1', 'ABMON_12', 'RADIXCHAR', 'YESEXPR', 'AM_STR', 'CRNCYSTR']:
    print(name, repr(_locale.nl_langinfo(getattr(_locale, name))))
print(_locale.setlocale(_locale.LC_ALL, 'C.UTF-8'), _locale.nl_langinfo(_locale.CODESET), _locale.getencoding())
print(locale.getlocale(locale.LC_NUMERIC), locale.format_string('%.2f', 1234.5, grouping=True), locale.str(1.5))
print(locale.atof('1.5'), locale.atoi('42'), locale.currency(1.5) if False else '', locale.normalize('en_us'))
print(_locale.gettext('hello'), _locale.dgettext(None, 'x'), _locale.textdomain(None))
print(sorted(locale.strxfrm(s) for s in ['b', 'a', 'c']), sorted(['b', 'A', 'a'], key=locale.strxfrm))
_locale.setlocale(_locale.LC_ALL, 'C')
