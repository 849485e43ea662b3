import datetime
import sqlite3
import warnings

warnings.simplefilter("ignore", DeprecationWarning)

con = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
con.execute("create table events (d date, ts timestamp, p point, n integer)")

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)

def adapt_point(p):
    return "%f;%f" % (p.x, p.y)

def convert_point(s):
    x, y = map(float, s.split(b";"))
    return Point(x, y)

sqlite3.register_adapter(Point, adapt_point)
sqlite3.register_converter("point", convert_point)
sqlite3.register_converter("INTEGER", lambda b: int(b) * 10)

d = datetime.date(2024, 2, 29)
ts = datetime.datetime(2024, 2, 29, 13, 45, 7, 123456)
con.execute("insert into events values (?, ?, ?, ?)", (d, ts, Point(1, 2.5), 4))
con.execute("insert into events values (?, ?, ?, ?)", (None, datetime.datetime(2000, 1, 1, 0, 0), None, None))
for row in con.execute("select * from events"):
    print(row)
print(con.execute("select d as \"d [text]\", p as \"p [point]\" from events").fetchall())
print([c[0] for c in con.execute("select p as \"p [point]\" from events").description])
print(con.execute("select ts from events").fetchone())

class Conformer:
    def __conform__(self, proto):
        if proto is sqlite3.PrepareProtocol:
            return "conformed"

print(con.execute("select ?", (Conformer(),)).fetchone())
print(sqlite3.adapt(Point(3, 4)))
try:
    sqlite3.adapt(object())
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
print(sqlite3.adapt(object(), sqlite3.PrepareProtocol, "alt"))
print((Point, sqlite3.PrepareProtocol) in sqlite3.adapters, "POINT" in sqlite3.converters)

# adapting a base type makes every value go through adapt
sqlite3.register_adapter(int, lambda i: i + 1000)
print(con.execute("select ?", (1,)).fetchone())
del sqlite3.adapters[(int, sqlite3.PrepareProtocol)]

plain = sqlite3.connect(":memory:")
print(plain.execute("select ?, ?", (d, ts)).fetchone())
