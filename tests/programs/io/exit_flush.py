# Output still buffered at exit is written: files by their finalizer,
# sys.stdout by the interpreter.
import sys
P = "/tmp/taipan_io_exit_flush"
f = open(P, "w")
f.write("written by the finalizer")
del f
with open(P) as g:
    print(repr(g.read()))
b = open(P, "wb")
b.write(b"binary too")
b = None
print(open(P, "rb").read())
class Holder:
    pass
h = Holder()
h.f = open(P, "a")
h.f.write(" + appended")
del h
print(open(P).read())
sys.stdout.write("no newline at the end")
