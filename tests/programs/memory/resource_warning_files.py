# ResourceWarning: files and sockets collected while open warn "unclosed ..." with the object as source
import gc
import os
import re
import socket
import sys
import warnings

PATH = "/tmp/taipan_memory_resource_warning_files.txt"


def collected(make, action="always"):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter(action)
        obj = make()
        r = re.sub(r"(fd|name)=\d+", r"\1=N", repr(obj))
        del obj
        gc.collect()
    print(r)
    for w in caught:
        msg = re.sub(r"(fd|name)=\d+", r"\1=N", str(w.message))
        print("  ", w.category.__name__, msg, type(w.source).__name__)
    if not caught:
        print("   no warning")


collected(lambda: open(PATH, "w"))
collected(lambda: open(PATH, "wb"))
collected(lambda: open(PATH, "rb", buffering=0))
collected(lambda: open(PATH, "r", encoding="latin-1"))
collected(lambda: open(PATH, "a+b"))


def closed_file():
    f = open(PATH, "w")
    f.close()
    return f


collected(closed_file)
fd = os.open(PATH, os.O_RDONLY)
collected(lambda: open(fd, "rb", closefd=False))
os.close(fd)
collected(lambda: open(PATH, "w"), action="ignore")


def with_block():
    with open(PATH, "w") as f:
        f.write("x")
    return f


collected(with_block)
collected(lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM))
collected(lambda: socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM))


def closed_socket():
    s = socket.socket()
    s.close()
    return s


collected(closed_socket)

# A filter turning the warning into an error: the error goes to the
# unraisable hook, and the file is closed all the same.
seen = []
sys.unraisablehook = lambda u: seen.append((u.exc_type.__name__, str(u.exc_value)[:13]))
with warnings.catch_warnings():
    warnings.simplefilter("error")
    f = open(PATH, "wb", buffering=0)
    raw_fd = f.fileno()
    del f
    gc.collect()
print(seen)
try:
    os.fstat(raw_fd)
except OSError as e:
    print("closed:", e.errno == 9)
os.remove(PATH)
