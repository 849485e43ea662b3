# Operators on str: concatenation, repetition, comparison, membership, %.
a = "foo"
b = "bar"
print(a + b, a * 2, 2 * a, a * 0, a * -1, repr(a * 0))
print(a < b, a > b, a == "foo", a != b, "Foo" < "foo", "a" < "aa")
print("é" > "z", "\u00ff" < "\u0100", "abc" <= "abc", "abc" >= "abd")
print(a in "xfoox", b not in a, "" in "")
print(max("hello"), min("hello"), sorted("hello"))
print(len(a + b), (a + b)[2:4], (a + b)[-1])
s = ""
for ch in "abc":
    s += ch * 2
print(s)
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
try:
    1 + "a"
except TypeError as e:
    print("TypeError:", e)
try:
    "a" * 1.5
except TypeError as e:
    print("TypeError:", e)
try:
    "a" - "b"
except TypeError as e:
    print("TypeError:", e)
print("%s-%d" % ("x", 5), "%%" % (), "%r" % "q")
print(hash("abc") == hash("ab" + "c"))
print(str("x") == "x")
