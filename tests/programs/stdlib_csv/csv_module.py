# csv.py over _csv: reader/writer with every dialect parameter, DictReader/DictWriter, dialect registry, Sniffer, errors
import csv, io

def show_write(rows, **kw):
    out = io.StringIO()
    try:
        w = csv.writer(out, **kw)
        for row in rows:
            w.writerow(row)
    except Exception as e:
        print('  ', type(e).__name__, e)
    print(repr(out.getvalue()))

def show_read(text, **kw):
    try:
        r = csv.reader(io.StringIO(text, newline=''), **kw)
        for row in r:
            print('  ', row, r.line_num)
    except Exception as e:
        print('  ', type(e).__name__, e)

show_write([['a', 'b c', 'd,e', 'f"g', 'h\ni', '', None, 1, 2.5, True]])
show_write([['x', 'y']], quoting=csv.QUOTE_ALL)
show_write([['x', 1, 2.0, None, '']], quoting=csv.QUOTE_NONNUMERIC)
show_write([['a,b', 'c"d']], quoting=csv.QUOTE_NONE, escapechar='\\')
show_write([['a,b']], quoting=csv.QUOTE_NONE)
show_write([['a"b']], doublequote=False, escapechar='\\')
show_write([['a"b']], doublequote=False)
show_write([['a;b', 'c']], delimiter=';', lineterminator='\n')
show_write([['x\ty']], dialect='excel-tab')
show_write([[''], [], [None]])
show_write([['']], quoting=csv.QUOTE_NONE)
show_write([['a'], 5])
show_write([['q', "it's"]], quotechar="'")
show_write([['a!b']], lineterminator='!')

show_read('a,b,c\r\n1,2,3\r\n')
show_read('"a,b","c""d",e\n"multi\nline",x\n')
show_read('a, b,  c\n', skipinitialspace=True)
show_read('1,2.5,"3"\n', quoting=csv.QUOTE_NONNUMERIC)
show_read('1,abc\n', quoting=csv.QUOTE_NONNUMERIC)
show_read('a\\,b,c\n', escapechar='\\')
show_read('a"b,"c\n', quoting=csv.QUOTE_NONE)
show_read('"a"b,c\n')
show_read('"a"b,c\n', strict=True)
show_read('"unterminated\n')
show_read('"unterminated\n', strict=True)
show_read('a\rb\n')
show_read('a;b;c\n', delimiter=';')
show_read('x\ty\n', dialect='excel-tab')
show_read('\n\na,b\n\n')
show_read("'a,b',c\n", quotechar="'")
show_read('a,b', lineterminator='!')
old = csv.field_size_limit(5)
show_read('abcdef\n')
print(csv.field_size_limit(old), csv.field_size_limit())

r = csv.reader([b'a,b'])
try:
    next(r)
except csv.Error as e:
    print('Error', e)

data = 'name,age\nalice,30\nbob,25\n'
for row in csv.DictReader(io.StringIO(data)):
    print(row)
print(list(csv.DictReader(io.StringIO('a,b\n1,2,3\n4\n'), restkey='rest', restval='-')))
out = io.StringIO()
w = csv.DictWriter(out, fieldnames=['x', 'y'], extrasaction='ignore')
w.writeheader()
w.writerow({'x': 1, 'y': 2, 'z': 3})
w.writerows([{'x': 'a'}, {'y': 'b'}])
print(repr(out.getvalue()))
try:
    csv.DictWriter(io.StringIO(), fieldnames=['x']).writerow({'q': 1})
except ValueError as e:
    print('ValueError', e)

csv.register_dialect('pipes', delimiter='|', quoting=csv.QUOTE_ALL)
print(sorted(csv.list_dialects()))
d = csv.get_dialect('pipes')
print(type(d).__name__, repr(d.delimiter), d.quoting, d.doublequote, repr(d.escapechar), repr(d.lineterminator), d.quotechar, d.skipinitialspace, d.strict)
show_write([['a', 'b']], dialect='pipes')
csv.unregister_dialect('pipes')
for f, a in [(csv.get_dialect, ('pipes',)), (csv.unregister_dialect, ('pipes',)), (csv.register_dialect, (1,))]:
    try:
        f(*a)
    except (csv.Error, TypeError) as e:
        print(type(e).__name__, e)

class Semi(csv.Dialect):
    delimiter = ';'
    quotechar = '"'
    lineterminator = '\n'
    quoting = csv.QUOTE_MINIMAL
    doublequote = True
    skipinitialspace = False
show_write([['a;b', 'c']], dialect=Semi)
show_read('"a;b";c\n', dialect=Semi)
class Bad(csv.Dialect):
    delimiter = 'xy'
try:
    Bad()
except csv.Error as e:
    print('Error', e)

for kw in [dict(delimiter='ab'), dict(delimiter=1), dict(quotechar=None), dict(quoting=9), dict(quoting='1'), dict(lineterminator=5),
           dict(escapechar='ab'), dict(quotechar=None, quoting=csv.QUOTE_MINIMAL), dict(foo=1), dict(dialect='nope'), dict(quoting=True)]:
    try:
        d = csv.reader([], **kw).dialect
        print('ok', d.quoting, repr(d.quotechar))
    except Exception as e:
        print(type(e).__name__, e)

s = csv.Sniffer()
sample = 'a;b;c\n1;2;3\n4;5;6\n'
dialect = s.sniff(sample)
print(repr(dialect.delimiter), s.has_header('name,age\nalice,30\nbob,25\n'))
print(list(csv.reader(io.StringIO(sample), dialect)))
print(csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE, csv.__version__)
print(csv.reader([]).dialect.delimiter, csv.writer(io.StringIO()).dialect.lineterminator == '\r\n')
