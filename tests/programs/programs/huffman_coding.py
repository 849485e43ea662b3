# Huffman coding with deterministic tie-breaking, encoding to bits and bytes, and decoding.
TEXT = "this is an example of a huffman tree; it compresses text by giving frequent symbols short codes"
def frequencies(text):
    freq = {}
    for ch in text:
        freq[ch] = freq.get(ch, 0) + 1
    return freq
class Leaf:
    def __init__(self, ch, weight):
        self.ch, self.weight = ch, weight
        self.key = ch
class Branch:
    def __init__(self, left, right):
        self.left, self.right = left, right
        self.weight = left.weight + right.weight
        self.key = min(left.key, right.key)
def build_tree(freq):
    nodes = [Leaf(ch, w) for ch, w in freq.items()]
    while len(nodes) > 1:
        nodes.sort(key=lambda n: (n.weight, n.key))
        a, b = nodes[0], nodes[1]
        nodes = nodes[2:] + [Branch(a, b)]
    return nodes[0]
def codes(node, prefix="", table=None):
    table = {} if table is None else table
    if isinstance(node, Leaf):
        table[node.ch] = prefix or "0"
    else:
        codes(node.left, prefix + "0", table)
        codes(node.right, prefix + "1", table)
    return table
def encode(text, table):
    return "".join(table[ch] for ch in text)
def decode(bits, tree):
    out, node = [], tree
    for b in bits:
        node = node.left if b == "0" else node.right
        if isinstance(node, Leaf):
            out.append(node.ch)
            node = tree
    return "".join(out)
def pack(bits):
    padding = (8 - len(bits) % 8) % 8
    bits += "0" * padding
    return bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8)), padding
def unpack(data, padding):
    bits = "".join(f"{b:08b}" for b in data)
    return bits[:len(bits) - padding] if padding else bits
freq = frequencies(TEXT)
tree = build_tree(freq)
table = codes(tree)
for ch in sorted(table, key=lambda c: (len(table[c]), table[c])):
    print(f"{ch!r:5} freq={freq[ch]:2} code={table[ch]}")
bits = encode(TEXT, table)
print("bits:", len(bits), "vs", len(TEXT) * 8, "ratio %.3f" % (len(bits) / (len(TEXT) * 8)))
print(bits[:64])
packed, pad = pack(bits)
print(len(packed), pad, packed[:12].hex(" "))
restored = decode(unpack(packed, pad), tree)
print(restored == TEXT, restored[:30])
weighted = sum(freq[ch] * len(code) for ch, code in table.items())
print("weighted path length:", weighted, "== bits:", weighted == len(bits))
prefix_free = all(not b.startswith(a) for a in table.values() for b in table.values() if a != b)
print("prefix free:", prefix_free)
single = build_tree(frequencies("aaaa"))
print(codes(single), encode("aaaa", codes(single)))
