# Non-ASCII identifiers (NFKC normalized).
café = "coffee"
print(café)
π = 3.14159
print(π * 2)
数 = 42
print(数)
def grüß(name):
    return "Grüß " + name
print(grüß("dich"))
class Ñandú:
    pass
print(Ñandú.__name__)
ﬁle = "ligature"
print(file)
ℌ = "script H"
print(H)
x_ʹ = 1
print(x_ʹ)
print('café' in dir(), 'ﬁle' in dir(), 'file' in dir())
