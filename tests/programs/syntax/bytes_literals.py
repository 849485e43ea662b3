# bytes literals and escapes.
print(b'abc', B"abc", b'''tri''', b"""ple""")
print(repr(b'\x00\x01\xff'), repr(b'\n\t\r\\'))
print(repr(b'\101\60'), repr(b'\u0041'), len(b'\u0041'))
print(repr(b"'"), repr(b'"'), repr(b'\'"'))
print(b'ab' b'cd', b'x' * 3)
print(list(b'AZaz09'))
print(b'abc'[0], b'abc'[-1:], b'abc'[::-1])
print(repr(rb'\x00'), len(rb'\x00'))
print(repr(bytes(range(0, 256, 17))))
print(b'\x7f\x80', repr(b'\x7f\x80'))
print(type(b'').__name__, b'' == bytes())
print(repr(b'a\
b'))
