# Building strings: concatenation in loops, join, multiplication, and immutability.
parts = []
s = ""
for i in range(10):
    s += str(i)
    parts.append(chr(ord("a") + i))
print(s, "".join(parts), "-".join(parts[::2]), len(s * 100), (s * 3)[9:12])
words = ["alpha", "beta", "gamma"]
print(" ".join(w.capitalize() for w in words), ",".join(map(str, range(5))), "\n".join(words).count("\n"))
table = ""
for row in range(1, 4):
    table += " ".join(f"{row * col:3}" for col in range(1, 6)) + "\n"
print(table, end="")
print("=" * 20, "ab" * 0, "-" * -1 + "|", "x".join("") + "|", "x".join("y"))
original = "immutable"
upper = original.upper()
replaced = original.replace("m", "M")
print(original, upper, replaced, original is not upper)
acc = []
for ch in "Hello, World":
    acc.append(ch.swapcase() if ch.isalpha() else "_")
print("".join(acc))
big = "".join(chr(0x41 + i % 26) for i in range(10000))
print(len(big), big[:30], big.count("A"), big[-5:], hash(big) == hash("".join(chr(0x41 + i % 26) for i in range(10000))))
rev = ""
for ch in "stressed":
    rev = ch + rev
print(rev, "stressed"[::-1] == rev)
print("%s-%s" % ("a", "b") + "{}".format("c") + f"{'d'}", str(1) + str(2.5) + str(None) + str([1]))
