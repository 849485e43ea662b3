# A coding cookie naming a codec the front end does not build in (CJK codecs,
# codecs registered at run time): the source is decoded through the registry.
import codecs

src = "# coding: cp949\ns = '\ud55c\uad6d\uc5b4'\n".encode("cp949")
ns = {}
exec(compile(src, "<cp949>", "exec"), ns)
print(ascii(ns["s"]))
try:
    compile(b"# coding: cp932\nprint '\x94\x4e'", "dummy", "exec")
except SyntaxError as v:
    print(v.msg, ascii(v.text.rstrip('\n')), v.lineno)
for src in [b"# coding: cp949\nx = '\xff'\n", b"# coding: hex\nprint 1", b"# coding: nosuchcodec\nx = 1\n"]:
    try:
        compile(src, "f", "exec")
    except SyntaxError as e:
        print(e.msg, e.args[1])


def search(name):
    if name == "rot_thirteen":
        return codecs.CodecInfo(
            name="rot_thirteen",
            encode=lambda s, errors="strict": (codecs.encode(s, "rot13").encode("ascii"), len(s)),
            decode=lambda b, errors="strict": (codecs.decode(bytes(b).decode("ascii"), "rot13"), len(b)),
        )
    return None


codecs.register(search)
ns = {}
exec(b"# coding: rot_thirteen\nk = 'uryyb'\n", ns)
print(sorted((k, v) for k, v in ns.items() if not k.startswith("__")))
