# A CSV parser as a character-level state machine, plus typed column conversion and queries.
DATA = '''id,name,city,score,joined
1,"Smith, Ann",Boston,91.5,2019-03-01
2,Bob,"New
York",78,2020-11-15
3,"Cy ""The Kid"" Jones",Chicago,,2018-07-30
4,Di,Boston,88.25,2021-01-02
5,"",Austin,100,2017-12-31
'''
def parse_csv(text, sep=","):
    rows, row, field = [], [], []
    state = "start"
    i = 0
    while i < len(text):
        ch = text[i]
        if state == "quoted":
            if ch == '"':
                if i + 1 < len(text) and text[i + 1] == '"':
                    field.append('"')
                    i += 1
                else:
                    state = "after_quote"
            else:
                field.append(ch)
        elif ch == '"' and state == "start":
            state = "quoted"
        elif ch == sep:
            row.append("".join(field))
            field = []
            state = "start"
        elif ch == "\n":
            row.append("".join(field))
            rows.append(row)
            row, field = [], []
            state = "start"
        elif state == "after_quote":
            raise ValueError(f"unexpected {ch!r} after closing quote at offset {i}")
        else:
            field.append(ch)
            state = "field"
        i += 1
    if state == "quoted":
        raise ValueError("unterminated quoted field")
    if field or row:
        row.append("".join(field))
        rows.append(row)
    return rows
rows = parse_csv(DATA)
for r in rows:
    print(r)
header, body = rows[0], rows[1:]
def convert(value, kind):
    if value == "":
        return None
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "date":
        y, m, d = map(int, value.split("-"))
        return (y, m, d)
    return value
kinds = {"id": "int", "score": "float", "joined": "date"}
records = [{h: convert(v, kinds.get(h, "str")) for h, v in zip(header, r)} for r in body]
for rec in records:
    print(rec)
scored = [r for r in records if r["score"] is not None]
print("average score: %.3f" % (sum(r["score"] for r in scored) / len(scored)))
print("by city:", {c: sorted(r["id"] for r in records if r["city"] == c) for c in sorted({r["city"] for r in records})})
print("earliest:", min(records, key=lambda r: r["joined"])["id"], "latest:", max(records, key=lambda r: r["joined"])["id"])
print("names:", [r["name"] or "<blank>" for r in sorted(records, key=lambda r: (r["score"] is None, -(r["score"] or 0)))])
def to_csv(rows):
    out = []
    for row in rows:
        cells = []
        for cell in row:
            s = "" if cell is None else str(cell)
            if any(c in s for c in ',"\n') or s == "":
                s = '"' + s.replace('"', '""') + '"'
            cells.append(s)
        out.append(",".join(cells))
    return "\n".join(out) + "\n"
again = to_csv(rows)
print(again)
print("round trip:", parse_csv(again) == rows)
for bad in ['a,"b\n', 'a,"b"c\n']:
    try:
        parse_csv(bad)
    except ValueError as e:
        print("ValueError:", e)
print(parse_csv("x;y;z\n1;2;3", sep=";"), parse_csv(""), parse_csv("single"))
