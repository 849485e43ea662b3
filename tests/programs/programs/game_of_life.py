# Conway's Game of Life on a small toroidal grid, plus pattern detection.
def parse(pattern):
    cells = set()
    for r, line in enumerate(pattern.strip("\n").split("\n")):
        for c, ch in enumerate(line):
            if ch == "#":
                cells.add((r, c))
    return cells
def step(cells, rows, cols):
    counts = {}
    for r, c in cells:
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                if dr or dc:
                    key = ((r + dr) % rows, (c + dc) % cols)
                    counts[key] = counts.get(key, 0) + 1
    return {cell for cell, n in counts.items() if n == 3 or (n == 2 and cell in cells)}
def render(cells, rows, cols):
    return "\n".join("".join("#" if (r, c) in cells else "." for c in range(cols)) for r in range(rows))
def normalize(cells):
    if not cells:
        return frozenset()
    mr = min(r for r, _ in cells)
    mc = min(c for _, c in cells)
    return frozenset((r - mr, c - mc) for r, c in cells)
glider = parse("""
.#.
..#
###
""")
rows, cols = 8, 10
cells = set(glider)
for gen in range(5):
    print(f"generation {gen}: {len(cells)} alive")
    print(render(cells, rows, cols))
    cells = step(cells, rows, cols)
start = normalize(glider)
cells = set(glider)
for gen in range(1, 9):
    cells = step(cells, rows, cols)
    if normalize(cells) == start:
        print("glider shape repeats after", gen, "generations, displaced to", sorted(cells)[:2])
        break
blinker = parse("""
...
###
...
""")
b1 = step(blinker, 5, 5)
b2 = step(b1, 5, 5)
print("blinker period 2:", b2 == blinker, b1 != blinker, sorted(b1))
block = parse("##\n##")
print("block is still life:", step(block, 6, 6) == block)
pentomino = parse("""
.##
##.
.#.
""")
cells = {(r + 10, c + 10) for r, c in pentomino}
history = []
for gen in range(60):
    history.append(len(cells))
    cells = step(cells, 32, 32)
print("r-pentomino population:", history[::6])
seen = {}
cells = parse("""
.....
..#..
..#..
..#..
.....
""")
for gen in range(10):
    key = frozenset(cells)
    if key in seen:
        print(f"cycle detected: generation {gen} equals generation {seen[key]}")
        break
    seen[key] = gen
    cells = step(cells, 5, 5)
