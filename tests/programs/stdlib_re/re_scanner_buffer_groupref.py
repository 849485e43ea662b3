# A finditer scanner over a bytearray keeps it from resizing until the
# scanner is gone; a conditional group whose 'then' part ends in a literal
# that looks like a JUMP opcode (\x0f) compiles.
import gc
import re

b = bytearray(b"xax")
it = re.finditer(b"a", b)
try:
    b.extend(b"x" * 400)
except BufferError as e:
    print("BufferError:", e)
print([m.span() for m in it])
del it
gc.collect()
b.extend(b"yy")
print(len(b))
for m in re.finditer(b"x", b[:3]):
    print(m.group())

bad = []
for i in range(256):
    try:
        p = re.compile(r"()(?(1)\x%02x?)" % i)
    except Exception as e:
        bad.append((i, type(e).__name__))
print(bad)
print(re.match(r"()(?(1)\x0f?)", "\x0f").span(), re.match(r"(a)?(?(1)b|\x0f)", "\x0f").span())
print(re.fullmatch(r"(a)?(?(1)\x0f|c)", "a\x0f") is not None, re.fullmatch(r"(a)?(?(1)\x0f|c)", "c") is not None)
