import sqlite3

con = sqlite3.connect(":memory:")
con.execute("create table t (id integer primary key, name text unique not null)")

def attempt(label, f):
    try:
        r = f()
        print(label, "ok", r)
    except sqlite3.Error as e:
        print(label, type(e).__name__, e, getattr(e, "sqlite_errorcode", None), getattr(e, "sqlite_errorname", None))
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("no table", lambda: con.execute("select * from x"))
attempt("syntax", lambda: con.execute("selec 1"))
attempt("too many", lambda: con.execute("select ?", (1, 2)))
attempt("too few", lambda: con.execute("select ?, ?", (1,)))
attempt("dict for qmark", lambda: con.execute("select ?", {"a": 1}))
attempt("missing name", lambda: con.execute("select :a", {"b": 1}))
attempt("bad params", lambda: con.execute("select ?", 5))
attempt("bad type", lambda: con.execute("select ?", (object(),)))
attempt("overflow", lambda: con.execute("select ?", (2**70,)))
attempt("two statements", lambda: con.execute("select 1; select 2"))
attempt("not str", lambda: con.execute(5))
attempt("executemany select", lambda: con.executemany("select ?", [(1,)]))
attempt("null char", lambda: con.execute("select '\0'"))
attempt("bad isolation", lambda: setattr(con, "isolation_level", "foo"))
attempt("bad isolation type", lambda: setattr(con, "isolation_level", 5))
con.execute("insert into t (name) values ('a')")
attempt("unique", lambda: con.execute("insert into t (name) values ('a')"))
attempt("not null", lambda: con.execute("insert into t (name) values (null)"))
attempt("pk", lambda: con.execute("insert into t (id, name) values (1, 'b')"))
attempt("mismatch", lambda: con.execute("insert into t (id, name) values ('x', 'c')"))
print(issubclass(sqlite3.IntegrityError, sqlite3.DatabaseError), issubclass(sqlite3.DatabaseError, sqlite3.Error))
print(issubclass(sqlite3.InterfaceError, sqlite3.Error), issubclass(sqlite3.Warning, Exception))
print(sqlite3.OperationalError.__module__, sqlite3.Error.__mro__[1].__name__)
print(con.Error is sqlite3.Error, con.IntegrityError is sqlite3.IntegrityError)

cur = con.cursor()
cur.close()
attempt("closed cursor", lambda: cur.execute("select 1"))
con.close()
attempt("closed db", lambda: con.execute("select 1"))
attempt("closed cursor()", lambda: con.cursor())
attempt("closed commit", lambda: con.commit())
attempt("closed total_changes", lambda: con.total_changes)
attempt("close twice", lambda: con.close())

attempt("bad path", lambda: sqlite3.connect("/nonexistent/dir/x.db"))
attempt("connect args", lambda: sqlite3.connect())

class MyConn(sqlite3.Connection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tag = "mine"

c2 = sqlite3.connect(":memory:", factory=MyConn)
print(type(c2).__name__, c2.tag, c2.isolation_level)
c3 = sqlite3.connect(":memory:", isolation_level=None)
print(c3.isolation_level)
c3.execute("create table x(a)")
c3.execute("insert into x values (1)")
print(c3.in_transaction)
c3.isolation_level = "immediate"
print(c3.isolation_level)
c3.execute("insert into x values (2)")
print(c3.in_transaction)
c3.isolation_level = None
print(c3.in_transaction)

class MyCursor(sqlite3.Cursor):
    pass

print(type(c3.cursor(MyCursor)).__name__)
attempt("bad factory", lambda: c3.cursor(lambda c: 5))
attempt("Row args", lambda: sqlite3.Row(1, 2))
