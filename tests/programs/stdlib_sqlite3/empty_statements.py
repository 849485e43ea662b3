import sqlite3
c = sqlite3.connect(":memory:")
for sql in ["", "  -- just a comment", "/* x */", "select 1; ", "select 1; -- trailing", "select 1; /* unterminated"]:
    try:
        cur = c.execute(sql)
        print(repr(sql), cur.description, cur.fetchall(), cur.rowcount)
    except Exception as e:
        print(repr(sql), type(e).__name__, e)
print(c.executescript("").rowcount)
print(sqlite3.complete_statement("select 1; /* x"))
