# Argument errors of getaddrinfo/getnameinfo and of the signal-set
# converter, with CPython's exception types and messages.
import signal
import socket

for port in ("\ud800", 3.5, None, "80", 80, b"80"):
    try:
        r = socket.getaddrinfo("127.0.0.1", port, socket.AF_INET, socket.SOCK_STREAM, 0, socket.AI_NUMERICHOST)
        print(repr(port), r[0][4])
    except Exception as e:
        print(repr(port), type(e).__name__, e)

for flowinfo in (0xffffffff, -1, 0x100000):
    try:
        socket.getnameinfo(("::1", 0, flowinfo), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV)
    except OverflowError as e:
        print(hex(flowinfo), "OverflowError:", e)
print(socket.getnameinfo(("::1", 80, 0xfffff), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))

for sigs in ([signal.NSIG], [0], [1 << 1000], [-(1 << 1000)]):
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    except ValueError as e:
        print("ValueError:", e)
try:
    signal.pthread_sigmask(1700, [])
except OSError as e:
    print("OSError:", e.errno)

# bind("") on an AF_UNIX socket autobinds to a fresh abstract address.
import re
with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s1, socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s2:
    s1.bind("")
    s2.bind("")
    a1, a2 = s1.getsockname(), s2.getsockname()
    print(bool(re.fullmatch(b"\0[0-9a-f]{5}", a1)), bool(re.fullmatch(b"\0[0-9a-f]{5}", a2)), a1 != a2)
