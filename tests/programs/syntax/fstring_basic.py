# Basic f-strings.
name = "World"
n = 42
print(f"Hello, {name}!")
print(F"n={n}", f'{n + 1}', f"{n * 2}")
print(f"{'quoted'}", f'{"dq"}', f"""{name!r}""")
print(f"{{literal braces}} {n}")
print(f"{{{n}}}")
print(f"{[1, 2, 3]}", f"{(1, 2)}", f"{ {'a': 1} }")
print(f"{name.upper()}", f"{name[::-1]}", f"{len(name)}")
print(f"{n if n > 10 else 0}")
print(f"{(lambda x: x * 2)(5)}")
items = ['a', 'b']
print(f"{', '.join(items)}")
print(fr"raw \n {n}", rf'\t{name}')
print(f"multi" f"ple {n}" "plain" f"{n}")
x = 3
print(f"{x}{x}{x}", f"{x}" * 2)
print(f"{x:}", f"{x!s:}")
print(f"""triple
{name}
quoted""")
d = {'key': 'value'}
print(f"{d['key']}")
print(f"{3.14159:.2f} {1e10:g} {255:x}")
print(f'{"nested " + f"{n}"}')
class P:
    def __str__(self): return "str-P"
    def __repr__(self): return "repr-P"
    def __format__(self, spec): return "fmt-P[" + spec + "]"
print(f"{P()}", f"{P():abc}", f"{P()!s}", f"{P()!r}")
print(f"{None} {True} {1j}")
print(f"{ n }", f"{n     }")
