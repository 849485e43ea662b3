import tomllib

doc = '''
title = "x"
n = 1_000
f = 3.5
when = 1979-05-27T07:32:00Z
[owner]
name = "Tom"
list = [1, 2, [3, "a"]]
[[items]]
k = true
[[items]]
k = false
inline = { a = 1, b.c = "d" }
'''
print(tomllib.loads(doc))
try:
    tomllib.loads("a = ")
except tomllib.TOMLDecodeError as e:
    print("TOMLDecodeError", e)
