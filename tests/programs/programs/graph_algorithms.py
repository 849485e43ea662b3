# Graph algorithms: BFS, DFS, Dijkstra (hand-written heap), topological sort, components, MST.
EDGES = [("A", "B", 4), ("A", "C", 2), ("B", "C", 5), ("B", "D", 10), ("C", "E", 3), ("E", "D", 4), ("D", "F", 11),
         ("E", "F", 9), ("G", "H", 1)]
graph = {}
for a, b, w in EDGES:
    graph.setdefault(a, []).append((b, w))
    graph.setdefault(b, []).append((a, w))
for node in graph:
    graph[node].sort()
def bfs(start):
    order, seen, queue = [], {start}, [start]
    while queue:
        node = queue.pop(0)
        order.append(node)
        for nxt, _ in graph[node]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return order
def dfs(start, seen=None):
    seen = seen if seen is not None else set()
    seen.add(start)
    out = [start]
    for nxt, _ in graph[start]:
        if nxt not in seen:
            out += dfs(nxt, seen)
    return out
def heap_push(h, item):
    h.append(item)
    i = len(h) - 1
    while i and h[(i - 1) // 2] > h[i]:
        h[(i - 1) // 2], h[i] = h[i], h[(i - 1) // 2]
        i = (i - 1) // 2
def heap_pop(h):
    h[0], h[-1] = h[-1], h[0]
    top = h.pop()
    i = 0
    while True:
        c = 2 * i + 1
        if c >= len(h):
            break
        if c + 1 < len(h) and h[c + 1] < h[c]:
            c += 1
        if h[i] <= h[c]:
            break
        h[i], h[c] = h[c], h[i]
        i = c
    return top
def dijkstra(src):
    dist = {src: 0}
    prev = {}
    heap = [(0, src)]
    done = set()
    while heap:
        d, node = heap_pop(heap)
        if node in done:
            continue
        done.add(node)
        for nxt, w in graph[node]:
            nd = d + w
            if nxt not in dist or nd < dist[nxt]:
                dist[nxt] = nd
                prev[nxt] = node
                heap_push(heap, (nd, nxt))
    return dist, prev
def path(prev, target):
    out = [target]
    while out[-1] in prev:
        out.append(prev[out[-1]])
    return out[::-1]
print("BFS from A:", bfs("A"))
print("DFS from A:", dfs("A"))
dist, prev = dijkstra("A")
for node in sorted(dist):
    print(f"  A -> {node}: {dist[node]:2} via {'-'.join(path(prev, node))}")
def components():
    seen, comps = set(), []
    for node in sorted(graph):
        if node not in seen:
            comp = dfs(node, seen)
            comps.append(sorted(comp))
    return comps
print("components:", components())
def kruskal():
    parent = {n: n for n in graph}
    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    tree = []
    for a, b, w in sorted(EDGES, key=lambda e: (e[2], e[0], e[1])):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
            tree.append((a, b, w))
    return tree, sum(w for _, _, w in tree)
print("MST:", kruskal())
deps = {"app": ["lib", "utils"], "lib": ["core"], "utils": ["core", "log"], "core": [], "log": [], "tests": ["app"]}
def toposort(deps):
    state, order = {}, []
    def visit(n, stack):
        if state.get(n) == "done":
            return
        if state.get(n) == "active":
            raise ValueError("cycle: " + " -> ".join(stack + [n]))
        state[n] = "active"
        for d in deps[n]:
            visit(d, stack + [n])
        state[n] = "done"
        order.append(n)
    for n in sorted(deps):
        visit(n, [])
    return order
print("build order:", toposort(deps))
deps["core"] = ["app"]
try:
    toposort(deps)
except ValueError as e:
    print("ValueError:", e)
def count_paths(grid_n):
    memo = {}
    def go(r, c):
        if r == grid_n or c == grid_n:
            return 0
        if (r, c) == (grid_n - 1, grid_n - 1):
            return 1
        if (r, c) not in memo:
            memo[r, c] = go(r + 1, c) + go(r, c + 1)
        return memo[r, c]
    return go(0, 0)
print("lattice paths:", [count_paths(n) for n in range(1, 9)])
