# open() in text mode: write, read, append, readline(s), iteration, seek/tell.
import sys
def cleanup(p):
    # Only sys may be imported: use os if the interpreter already loaded it, else just empty the file.
    os_module = sys.modules.get("os")
    if os_module is not None:
        os_module.remove(p)
    else:
        open(p, "w").close()
path = "/tmp/taipan_builtins_open_text.txt"
with open(path, "w") as f:
    n = f.write("first line\n")
    f.write("second line\n")
    f.writelines(["third\n", "fourth"])
    print("write returned", n, "closed inside:", f.closed)
print("closed after with:", f.closed)
with open(path) as f:
    print(repr(f.read()))
with open(path, "r", encoding="utf-8") as f:
    print(repr(f.readline()), repr(f.readline()), repr(f.read(3)), repr(f.readline()), repr(f.readline()), repr(f.readline()))
with open(path) as f:
    print(f.readlines())
with open(path) as f:
    for i, line in enumerate(f):
        print(i, repr(line))
with open(path, "a") as f:
    f.write("\nappended é ☃")
with open(path, encoding="utf-8") as f:
    content = f.read()
    print(repr(content[-12:]), len(content))
    f.seek(0)
    print(repr(f.read(5)), f.tell())
with open(path, "r+") as f:
    f.write("FIRST")
    f.seek(0)
    print(repr(f.readline()))
f = open(path)
print(f.readable(), f.writable(), f.mode, f.name == path, f.encoding)
f.close()
f.close()
try:
    f.read()
except ValueError as e:
    print("ValueError:", e)
with open(path, "w", newline="") as f:
    f.write("a\r\nb\rc\n")
with open(path) as f:
    print(repr(f.read()))
with open(path, newline="") as f:
    print(repr(f.read()))
with open(path, "w") as f:
    pass
with open(path) as f:
    print(repr(f.read()), repr(f.readline()))
try:
    open(path, "x")
except FileExistsError as e:
    print("FileExistsError:", e.errno, e.strerror, e.filename == path)
with open(path, "w") as f:
    print("printed into file", 42, file=f)
with open(path) as f:
    print(repr(f.read()))
cleanup(path)
print("cleaned up")
