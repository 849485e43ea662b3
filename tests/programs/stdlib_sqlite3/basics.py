import sqlite3

con = sqlite3.connect(":memory:")
cur = con.cursor()
cur.execute("create table people (id integer primary key, name text, age integer, score real, data blob)")
cur.execute("insert into people (name, age, score, data) values (?, ?, ?, ?)", ("alice", 30, 1.5, b"\x00\x01"))
print("lastrowid", cur.lastrowid, "rowcount", cur.rowcount)
cur.execute("insert into people (name, age) values (:name, :age)", {"name": "bob", "age": 25})
cur.executemany("insert into people (name, age) values (?, ?)", [("carol", 41), ("dave", 19), ("eve", None)])
print("executemany rowcount", cur.rowcount)
print("in_transaction", con.in_transaction)
con.commit()
print("in_transaction", con.in_transaction, "total_changes", con.total_changes)

cur.execute("select * from people order by id")
print([d[0] for d in cur.description])
print(cur.fetchone())
print(cur.fetchmany(2))
print(cur.fetchall())
print(cur.fetchone())
for row in con.execute("select name, age from people where age > ? order by age", (20,)):
    print(row)
print(con.execute("select count(*), sum(age), avg(score) from people").fetchone())
print(con.execute("select typeof(1), typeof(1.0), typeof('x'), typeof(x'00'), typeof(null)").fetchone())
print(con.execute("select ?, ?, ?, ?, ?", (None, 2**62, -1.25, "héllo ☃", bytearray(b"ab"))).fetchone())
print(con.execute("select ?", (memoryview(b"mv"),)).fetchone())

cur.arraysize = 3
cur.execute("select id from people order by id")
print("fetchmany default", cur.fetchmany())
print("rowcount select", cur.rowcount)
cur.execute("update people set age = age + 1 where age is not null")
print("update rowcount", cur.rowcount)
cur.execute("delete from people where name = 'eve'")
print("delete rowcount", cur.rowcount)
con.rollback()
print(con.execute("select count(*) from people").fetchone())

# Row factory
con.row_factory = sqlite3.Row
r = con.execute("select id, name as Name from people where id = 1").fetchone()
print(type(r).__name__, r["name"], r["NAME"], r[0], r[-1], r[0:2], r.keys(), len(r), tuple(r))
r2 = con.execute("select id, name as Name from people where id = 1").fetchone()
print(r == r2, hash(r) == hash(r2), r != r2)
try:
    r["nope"]
except IndexError as e:
    print("IndexError", e)
try:
    r[1.5]
except IndexError as e:
    print("IndexError", e)
con.row_factory = None

# text factory
con.text_factory = bytes
print(con.execute("select 'abc'").fetchone())
con.text_factory = lambda b: b.decode().upper()
print(con.execute("select 'abc'").fetchone())
con.text_factory = str

# context manager
with con:
    con.execute("insert into people (name) values ('frank')")
print(con.execute("select count(*) from people").fetchone())
try:
    with con:
        con.execute("insert into people (name) values ('gina')")
        raise ValueError("boom")
except ValueError:
    pass
print(con.execute("select count(*) from people").fetchone())

# executescript
con.executescript("""
    create table t2(a, b);
    insert into t2 values (1, 2);
    insert into t2 values (3, 4);
""")
print(con.execute("select * from t2").fetchall())

print(sqlite3.complete_statement("select 1;"), sqlite3.complete_statement("select 1"))
print(sqlite3.threadsafety, sqlite3.apilevel, sqlite3.paramstyle, sqlite3.version)
print(sqlite3.PARSE_DECLTYPES, sqlite3.PARSE_COLNAMES, sqlite3.SQLITE_OK, sqlite3.SQLITE_DENY)
print(isinstance(sqlite3.sqlite_version_info, tuple))
con.close()
