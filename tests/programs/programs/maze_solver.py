# Maze solving on a text grid: BFS shortest path, DFS path, and reachability.
MAZE = """
###################
#S    #     #     #
# ### # ### # ### #
#   #   #   #   # #
### ##### ##### # #
#   #         # # #
# ### ##### # # # #
#     #     #   #E#
###################
"""
grid = [list(row) for row in MAZE.strip("\n").split("\n")]
rows, cols = len(grid), len(grid[0])
def find(ch):
    for r, row in enumerate(grid):
        if ch in row:
            return r, row.index(ch)
start, end = find("S"), find("E")
def neighbors(pos):
    r, c = pos
    for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
        nr, nc = r + dr, c + dc
        if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] != "#":
            yield nr, nc
def bfs(start, goal):
    prev = {start: None}
    queue = [start]
    head = 0
    while head < len(queue):
        pos = queue[head]
        head += 1
        if pos == goal:
            break
        for nxt in neighbors(pos):
            if nxt not in prev:
                prev[nxt] = pos
                queue.append(nxt)
    if goal not in prev:
        return None, len(prev)
    path = []
    node = goal
    while node is not None:
        path.append(node)
        node = prev[node]
    return path[::-1], len(prev)
def dfs(start, goal):
    stack = [(start, [start])]
    seen = {start}
    while stack:
        pos, path = stack.pop()
        if pos == goal:
            return path
        for nxt in neighbors(pos):
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None
path, explored = bfs(start, end)
print("start", start, "end", end, "shortest path length", len(path) - 1, "explored", explored)
drawn = [row[:] for row in grid]
for r, c in path[1:-1]:
    drawn[r][c] = "."
print("\n".join("".join(row) for row in drawn))
dpath = dfs(start, end)
print("dfs path length", len(dpath) - 1, "is valid:", all(b in set(neighbors(a)) for a, b in zip(dpath, dpath[1:])))
moves = []
for (r1, c1), (r2, c2) in zip(path, path[1:]):
    moves.append({(0, 1): "R", (0, -1): "L", (1, 0): "D", (-1, 0): "U"}[(r2 - r1, c2 - c1)])
compressed = []
for m in moves:
    if compressed and compressed[-1][0] == m:
        compressed[-1][1] += 1
    else:
        compressed.append([m, 1])
print("moves:", "".join(moves))
print("compressed:", " ".join(f"{m}{n}" for m, n in compressed))
grid[7][15] = "#"
blocked, reach = bfs(start, end)
print("after blocking:", blocked, "reachable cells:", reach)
open_cells = sum(row.count(" ") for row in grid)
print("open cells:", open_cells)
