import sqlite3

con = sqlite3.connect(":memory:")
con.execute("create table t (x, y)")
con.executemany("insert into t values (?, ?)", [(i, "v%d" % (i % 3)) for i in range(1, 11)])

con.create_function("double", 1, lambda x: x * 2)
con.create_function("concat3", 3, lambda a, b, c: "%s-%s-%s" % (a, b, c), deterministic=True)
con.create_function("kind", 1, lambda x: type(x).__name__)
con.create_function("nothing", 0, lambda: None)
con.create_function("blob", 0, lambda: b"\x01\x02")
print(con.execute("select double(21), double(1.5), double('ab')").fetchone())
print(con.execute("select concat3(1, 'b', 2.5)").fetchone())
print(con.execute("select kind(1), kind(1.0), kind('s'), kind(x'00'), kind(null)").fetchone())
print(con.execute("select nothing(), blob()").fetchone())

def boom(x):
    raise ValueError("nope")

con.create_function("boom", 1, boom)
try:
    con.execute("select boom(1)").fetchone()
except sqlite3.OperationalError as e:
    print("OperationalError", e)
con.create_function("bad", 0, lambda: object())
try:
    con.execute("select bad()").fetchone()
except sqlite3.OperationalError as e:
    print("OperationalError", e)
con.create_function("big", 0, lambda: 2**80)
try:
    con.execute("select big()").fetchone()
except sqlite3.Error as e:
    print(type(e).__name__, e)

class MySum:
    def __init__(self):
        self.total = 0
    def step(self, value):
        self.total += value
    def finalize(self):
        return self.total

class Longest:
    def __init__(self):
        self.best = None
    def step(self, s):
        if self.best is None or len(s) > len(self.best):
            self.best = s
    def finalize(self):
        return self.best

con.create_aggregate("mysum", 1, MySum)
con.create_aggregate("longest", 1, Longest)
print(con.execute("select mysum(x) from t").fetchone())
print(con.execute("select y, mysum(x) from t group by y order by y").fetchall())
print(con.execute("select longest(y) from t").fetchone())
print(con.execute("select mysum(x) from t where x > 100").fetchone())

class BadStep:
    def step(self, v):
        1 / 0
    def finalize(self):
        return 1

con.create_aggregate("badstep", 1, BadStep)
try:
    con.execute("select badstep(x) from t").fetchone()
except sqlite3.OperationalError as e:
    print("OperationalError", e)

class BadFinal:
    def step(self, v):
        pass
    def finalize(self):
        1 / 0

con.create_aggregate("badfinal", 1, BadFinal)
try:
    con.execute("select badfinal(x) from t").fetchone()
except sqlite3.OperationalError as e:
    print("OperationalError", e)

class WindowSum:
    def __init__(self):
        self.count = 0
    def step(self, value):
        self.count += value
    def value(self):
        return self.count
    def inverse(self, value):
        self.count -= value
    def finalize(self):
        return self.count

con.create_window_function("winsum", 1, WindowSum)
print(con.execute("""
    select x, winsum(x) over (order by x rows between 1 preceding and 1 following)
    from t order by x
""").fetchall())

def reverse_collation(a, b):
    return -1 if a > b else (1 if a < b else 0)

con.create_collation("reverse", reverse_collation)
print(con.execute("select distinct y from t order by y collate reverse").fetchall())
con.create_collation("reverse", None)
try:
    con.execute("select y from t order by y collate reverse").fetchall()
except sqlite3.OperationalError as e:
    print("OperationalError", e)
try:
    con.create_collation("x", 5)
except TypeError as e:
    print("TypeError", e)

# authorizer
def deny_y(action, arg1, arg2, dbname, source):
    if action == sqlite3.SQLITE_READ and arg2 == "y":
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK

con.set_authorizer(deny_y)
try:
    con.execute("select y from t").fetchall()
except sqlite3.DatabaseError as e:
    print(type(e).__name__, e)
print(con.execute("select x from t where x < 3").fetchall())
con.set_authorizer(None)
print(con.execute("select y from t where x = 1").fetchall())

# progress handler
calls = []
con.set_progress_handler(lambda: calls.append(1) or 0, 1)
con.execute("select count(*) from t").fetchone()
print("progress called", len(calls) > 0)
con.set_progress_handler(lambda: 1, 1)
try:
    con.execute("select count(*) from t").fetchone()
except sqlite3.OperationalError as e:
    print("OperationalError", e)
con.set_progress_handler(None, 1)

# trace
traced = []
con.set_trace_callback(traced.append)
con.execute("select x from t where x = ?", (3,)).fetchall()
con.set_trace_callback(None)
con.execute("select 1").fetchall()
print(traced)

# limits
print(con.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) > 0)
old = con.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 2)
try:
    con.execute("select ?, ?, ?", (1, 2, 3))
except sqlite3.OperationalError as e:
    print("OperationalError", e)
con.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, old)
try:
    con.getlimit(1000)
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
