# A backtracking Sudoku solver with constraint propagation (naked singles).
PUZZLES = [
    "53..7....6..195....98....6.8...6...34..8.3..17...2...6.6....28....419..5....8..79",
    "..3.2.6..9..3.5..1..18.64....81.29..7.......8..67.82....26.95..8..2.3..9..5.1.3..",
    "8..........36......7..9.2...5...7.......457.....1...3...1....68..85...1..9....4..",
]
DIGITS = "123456789"
ROWS = [[r * 9 + c for c in range(9)] for r in range(9)]
COLS = [[r * 9 + c for r in range(9)] for c in range(9)]
BOXES = [[(br * 3 + r) * 9 + bc * 3 + c for r in range(3) for c in range(3)] for br in range(3) for bc in range(3)]
PEERS = []
for i in range(81):
    r, c = divmod(i, 9)
    box = (r // 3) * 3 + c // 3
    PEERS.append(sorted(set(ROWS[r] + COLS[c] + BOXES[box]) - {i}))
def candidates(grid, i):
    used = {grid[p] for p in PEERS[i]}
    return [d for d in DIGITS if d not in used]
stats = {"guesses": 0, "propagated": 0}
def propagate(grid):
    changed = True
    while changed:
        changed = False
        for i in range(81):
            if grid[i] == ".":
                cands = candidates(grid, i)
                if not cands:
                    return False
                if len(cands) == 1:
                    grid[i] = cands[0]
                    stats["propagated"] += 1
                    changed = True
    return True
def solve(grid):
    if not propagate(grid):
        return None
    empties = [i for i in range(81) if grid[i] == "."]
    if not empties:
        return grid
    best = min(empties, key=lambda i: (len(candidates(grid, i)), i))
    for d in candidates(grid, best):
        stats["guesses"] += 1
        attempt = grid[:]
        attempt[best] = d
        result = solve(attempt)
        if result:
            return result
    return None
def valid(grid):
    return all(sorted(grid[i] for i in unit) == list(DIGITS) for unit in ROWS + COLS + BOXES)
def show(grid):
    lines = []
    for r in range(9):
        row = grid[r * 9:(r + 1) * 9]
        lines.append(" ".join("".join(row[c:c + 3]) for c in (0, 3, 6)))
        if r in (2, 5):
            lines.append("")
    return "\n".join(lines)
for n, p in enumerate(PUZZLES, 1):
    stats["guesses"] = stats["propagated"] = 0
    grid = list(p)
    print(f"puzzle {n}: {p.count('.')} blanks")
    solution = solve(grid)
    print(show(solution))
    print("valid:", valid(solution), "guesses:", stats["guesses"], "propagated:", stats["propagated"])
bad = list(PUZZLES[0])
bad[2] = "5"
print("contradictory puzzle solvable:", solve(bad) is not None)
