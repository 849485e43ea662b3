# Red-black tree insertion with the classic pattern-matched balance function.
def balance(node):
    match node:
        case ("B", ("R", ("R", a, x, b), y, c), z, d) | \
             ("B", ("R", a, x, ("R", b, y, c)), z, d) | \
             ("B", a, x, ("R", ("R", b, y, c), z, d)) | \
             ("B", a, x, ("R", b, y, ("R", c, z, d))):
            return ("R", ("B", a, x, b), y, ("B", c, z, d))
        case _:
            return node
def insert(tree, value):
    def ins(t):
        match t:
            case None:
                return ("R", None, value, None)
            case (color, left, v, right) if value < v:
                return balance((color, ins(left), v, right))
            case (color, left, v, right) if value > v:
                return balance((color, left, v, ins(right)))
            case _:
                return t
    color, left, v, right = ins(tree)
    return ("B", left, v, right)
def to_list(t):
    match t:
        case None:
            return []
        case (_, left, v, right):
            return to_list(left) + [v] + to_list(right)
def black_height(t):
    match t:
        case None:
            return 1
        case (color, left, _, right):
            lh, rh = black_height(left), black_height(right)
            assert lh == rh, "unbalanced"
            return lh + (1 if color == "B" else 0)
def depth(t):
    match t:
        case None:
            return 0
        case (_, l, _, r):
            return 1 + max(depth(l), depth(r))
tree = None
for v in [5, 2, 8, 1, 9, 3, 7, 4, 6, 10, 11, 12, 13, 14, 15]:
    tree = insert(tree, v)
print(to_list(tree))
print("black height", black_height(tree), "depth", depth(tree))
print(tree[0], tree[2])
