# open() in binary mode and error cases; the temp file is removed at the end.
import sys
def cleanup(p):
    # Only sys may be imported: use os if the interpreter already loaded it, else just empty the file.
    os_module = sys.modules.get("os")
    if os_module is not None:
        os_module.remove(p)
    else:
        open(p, "w").close()
path = "/tmp/taipan_builtins_open_binary.bin"
data = bytes(range(256))
with open(path, "wb") as f:
    print(f.write(data), f.write(b"\r\n\x00tail"))
with open(path, "rb") as f:
    content = f.read()
    print(len(content), content[:8], content[-8:], type(content).__name__)
    f.seek(10)
    print(f.read(4), f.tell())
    f.seek(-4, 2)
    print(f.read(), f.read(), f.tell())
    f.seek(0)
    print(f.readline()[:12])
with open(path, "ab") as f:
    f.write(bytearray(b"more"))
with open(path, "rb") as f:
    print(f.read()[-8:])
with open(path, "r+b") as f:
    f.write(b"XY")
    f.seek(0)
    print(f.read(4))
try:
    with open(path, "rb") as f:
        f.write(b"x")
except OSError as e:
    print(type(e).__name__, e)
try:
    with open(path, "wb") as f:
        f.write("text")
except TypeError as e:
    print("TypeError:", e)
try:
    with open(path, "w") as f:
        f.write(b"bytes")
except TypeError as e:
    print("TypeError:", e)
missing = "/tmp/taipan_builtins_open_binary_does_not_exist.bin"
try:
    open(missing)
except FileNotFoundError as e:
    print("FileNotFoundError:", e)
    print(e.errno, e.strerror, e.filename)
for bad_mode in ["rw", "z", "rbt", ""]:
    try:
        open(path, bad_mode)
    except ValueError as e:
        print("ValueError:", e)
try:
    open(path, "rb", encoding="utf-8")
except ValueError as e:
    print("ValueError:", e)
with open(path, "w", encoding="utf-8") as f:
    f.write("héllo")
with open(path, "rb") as f:
    raw = f.read()
print(raw, raw.decode("utf-8"))
try:
    with open(path, encoding="ascii") as f:
        f.read()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
with open(path, encoding="ascii", errors="replace") as f:
    print(repr(f.read()))
cleanup(path)
print("done")
