import sqlite3

con = sqlite3.connect(":memory:")
con.executescript("""
    create table people (id integer primary key, name text not null, weight real, photo blob);
    create index people_name on people(name);
    create view heavy as select name from people where weight > 80;
    insert into people values (1, 'Ann', 61.5, x'0102');
    insert into people values (2, 'O''Brien', 90, null);
""")
con.commit()
for line in con.iterdump():
    print(line)

copy = sqlite3.connect(":memory:")
copy.executescript("\n".join(con.iterdump()))
print(copy.execute("select * from people order by id").fetchall())

target = sqlite3.connect(":memory:")
progress = []
con.backup(target, pages=1, progress=lambda status, remaining, total: progress.append(remaining))
print(target.execute("select name from people order by id").fetchall(), len(progress) > 0)
try:
    con.backup(con)
except ValueError as e:
    print("ValueError", e)

data = con.serialize()
print(type(data).__name__, data[:15])
fresh = sqlite3.connect(":memory:")
fresh.deserialize(data)
print(fresh.execute("select count(*) from people").fetchone())
