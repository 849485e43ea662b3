# The = specifier (self-documenting expressions).
x = 10
name = "Ada"
print(f"{x=}")
print(f"{x = }")
print(f"{x=!s}", f"{name=}", f"{name=!s}")
print(f"{x*2=}")
print(f"{x + 1 = }")
print(f"{x=:5}|", f"{x=:>5}|")
print(f"{name=:>8}")
print(f"{3.14159=:.2f}")
print(f"{name.upper()=}")
print(f"{[1,2]=}", f"{(x, name)=}")
val = 0.1 + 0.2
print(f"{val=}", f"{val=:.1f}", f"{val=!r}")
print(f"{x=!a}")
