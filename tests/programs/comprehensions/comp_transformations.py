# Practical data transformations with comprehensions.
records = [
    {"name": "ann", "dept": "eng", "salary": 120},
    {"name": "bob", "dept": "ops", "salary": 90},
    {"name": "cy", "dept": "eng", "salary": 110},
    {"name": "di", "dept": "hr", "salary": 70},
    {"name": "ed", "dept": "ops", "salary": 95},
]
depts = sorted({r["dept"] for r in records})
print(depts)
by_dept = {d: [r["name"] for r in records if r["dept"] == d] for d in depts}
print(by_dept)
totals = {d: sum(r["salary"] for r in records if r["dept"] == d) for d in depts}
print(totals)
avg = {d: totals[d] / len(by_dept[d]) for d in depts}
print(avg)
top = [r["name"] for r in sorted(records, key=lambda r: -r["salary"])[:3]]
print(top)
raised = [{**r, "salary": r["salary"] * 11 // 10} for r in records if r["dept"] == "ops"]
print(raised)
matrix = [[1, 2, 3], [4, 5, 6]]
transposed = [list(col) for col in zip(*matrix)]
print(transposed)
print([[v * 2 for v in row] for row in matrix])
flat = [v for row in matrix for v in row]
print(flat, [flat[i:i + 2] for i in range(0, len(flat), 2)])
text = "the cat and the hat and the bat"
freq = {w: text.split().count(w) for w in text.split()}
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0])))
inverted = {}
for w, n in freq.items():
    inverted.setdefault(n, []).append(w)
print({n: sorted(ws) for n, ws in sorted(inverted.items())})
print([f"{i}:{c}" for i, c in enumerate("xyz", start=1)])
