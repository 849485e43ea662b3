import os
import sqlite3
import tempfile

path = os.path.join(tempfile.mkdtemp(), "tx.db")
a = sqlite3.connect(path, timeout=0.1)
b = sqlite3.connect(path, timeout=0.1)
a.execute("create table t (x)")
print("after DDL", a.in_transaction)
a.execute("insert into t values (1)")
print("after insert", a.in_transaction)
print("other sees", b.execute("select count(*) from t").fetchall())
a.commit()
print("after commit", a.in_transaction, b.execute("select count(*) from t").fetchall())
a.execute("select * from t").fetchall()
print("after select", a.in_transaction)
a.execute("update t set x = 2")
a.rollback()
print("after rollback", a.execute("select x from t").fetchall())

a.execute("insert into t values (3)")
try:
    b.execute("insert into t values (4)")
except sqlite3.OperationalError as e:
    print("OperationalError", e, e.sqlite_errorname)
print("b in_transaction", b.in_transaction)
b.rollback()
a.commit()

a.isolation_level = None
a.execute("insert into t values (5)")
print("autocommit", a.in_transaction, b.execute("select count(*) from t").fetchall())
a.execute("begin")
a.execute("insert into t values (6)")
print("manual begin", a.in_transaction)
a.execute("commit")
a.isolation_level = "EXCLUSIVE"
a.execute("insert into t values (7)")
print("exclusive", a.in_transaction)
try:
    b.execute("select * from t").fetchall()
except sqlite3.OperationalError as e:
    print("OperationalError", e)
b.rollback()
a.executescript("insert into t values (8);")
print("executescript commits", a.in_transaction, b.execute("select count(*) from t").fetchall())

a.isolation_level = "DEFERRED"
a.execute("savepoint sp")
a.execute("insert into t values (9)")
a.execute("rollback to sp")
a.execute("release sp")
print("savepoint", a.in_transaction, a.execute("select count(*) from t").fetchone())
a.execute("replace into t values (10)")
print("replace starts tx", a.in_transaction)
a.commit()
a.execute("/* comment */ -- more\n  delete from t where x = 10")
print("comment then delete starts tx", a.in_transaction)
a.commit()
cur = a.execute("select x from t order by x")
print(cur.fetchone())
a.execute("insert into t values (11)")
print("cursor survives", cur.fetchall())
a.rollback()
a.close()
b.close()
