import sqlite3

con = sqlite3.connect(":memory:")
con.execute("create table t (id integer primary key, b blob)")
con.execute("insert into t (b) values (zeroblob(16))")
con.execute("insert into t (b) values (?)", (b"0123456789",))
con.commit()

with con.blobopen("t", "b", 1) as blob:
    print(len(blob), blob.tell())
    blob.write(b"hello")
    print(blob.tell())
    blob.seek(0)
    print(blob.read(5), blob.tell())
    blob.seek(-3, 2)
    print(blob.tell(), blob.read())
    blob[0] = ord("H")
    blob[-1] = 255
    print(blob[0], blob[-1], blob[0:5], blob[::4])
    blob[5:8] = b"abc"
    print(blob.read(), blob[:])
    for bad in (lambda: blob.seek(100), lambda: blob.seek(0, 7), lambda: blob[99],
                lambda: blob.write(b"x" * 100), lambda: blob.__setitem__(0, 300),
                lambda: blob.__setitem__(0, b"x"), lambda: blob.__setitem__(slice(0, 2), b"x"),
                lambda: blob["a"]):
        try:
            bad()
        except (ValueError, IndexError, TypeError) as e:
            print(type(e).__name__, e)
print(con.execute("select b from t where id = 1").fetchone())

ro = con.blobopen("t", "b", 2, readonly=True)
print(ro.read())
try:
    ro.write(b"x")
except sqlite3.OperationalError as e:
    print("OperationalError", e)
ro.close()
try:
    ro.read()
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
try:
    con.blobopen("t", "b", 99)
except sqlite3.OperationalError as e:
    print("OperationalError", e)
try:
    con.blobopen("nope", "b", 1)
except sqlite3.OperationalError as e:
    print("OperationalError", e)

stmt = con("select 1")
print(type(stmt).__name__)
try:
    type(stmt)()
except TypeError as e:
    print("TypeError", e)
