# socket.sendmsg / recvmsg / recvmsg_into with ancillary data (SCM_RIGHTS,
# SCM_CREDENTIALS), socket.send_fds / recv_fds, and CPython's errors for
# bad arguments and bad ancillary items.
import array
import os
import socket
import warnings


def t(f, *args, **kw):
    try:
        r = f(*args, **kw)
        print("ok", r)
    except BaseException as e:
        print(type(e).__name__, e)


a, b = socket.socketpair()
t(a.sendmsg)
t(a.sendmsg, 1)
t(a.sendmsg, [b"x"], 1)
t(a.sendmsg, ["x"])
t(a.sendmsg, [b"x"], [1])
t(a.sendmsg, [b"x"], [(1, 2)])
t(a.sendmsg, [b"x"], [(1, 2, 3, 4)])
t(a.sendmsg, [b"x"], [("a", 2, b"")])
t(a.sendmsg, [b"x"], [(1, "a", b"")])
t(a.sendmsg, [b"x"], [(1, 2, "s")])
t(a.sendmsg, [b"x"], [(1 << 40, 2, b"")])
t(a.sendmsg, [b"x"], [], "a")
t(a.sendmsg, [b"x"], [], 0, 5)
t(a.sendmsg, [b"x"], [], flags=0)
t(a.sendmsg, [b"x"], [(socket.SOL_SOCKET, 9999, b"abcd")])
t(b.recvmsg)
t(b.recvmsg, -1)
t(b.recvmsg, 10, -1)
t(b.recvmsg, 10, "a")
t(b.recvmsg, 10, 0, "a")
t(b.recvmsg, 10, 0, 0, 1)
t(b.recvmsg, 1.5)
t(b.recvmsg_into)
t(b.recvmsg_into, 1)
t(b.recvmsg_into, [b"x"])
t(b.recvmsg_into, [bytearray(3)], -1)
t(b.recvmsg_into, ["abc"])

# Plain data over several buffers, gathered and scattered.
print(a.sendmsg(iter([b"ab", bytearray(b"cd"), memoryview(b"ef")])))
print(b.recvmsg(100))
a.sendmsg([b"hello world"])
bufs = [bytearray(3), bytearray(4), memoryview(bytearray(10))[2:5]]
n, anc, flags, addr = b.recvmsg_into(bufs)
print(n, anc, flags, addr, bufs[0], bufs[1], bytes(bufs[2]))
print(b.recv(100))

# Descriptors travel: the received ones are new descriptors of the same files.
r, w = os.pipe()
fds = array.array("i", [r, w])
print(a.sendmsg([b"F"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)]))
msg, anc, flags, addr = b.recvmsg(10, socket.CMSG_SPACE(2 * fds.itemsize))
print(msg, len(anc), anc[0][:2] == (socket.SOL_SOCKET, socket.SCM_RIGHTS), len(anc[0][2]), flags, addr)
got = array.array("i")
got.frombytes(anc[0][2])
os.write(got[1], b"through the copy")
print(os.read(r, 100))
for fd in got:
    os.close(fd)

# Two items in one message.
r2, w2 = os.pipe()
print(a.sendmsg([b"G"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [r2])),
                         (socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [w2]))]))
msg, anc, flags, addr = b.recvmsg(10, socket.CMSG_SPACE(4) * 2)
print(msg, [(l, k, len(d)) for l, k, d in anc], flags)
for _, _, d in anc:
    for fd in array.array("i", d):
        os.close(fd)

# Too little room for the control data: MSG_CTRUNC, a RuntimeWarning.
a.sendmsg([b"H"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [r, w]))])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    msg, anc, flags, addr = b.recvmsg(10, socket.CMSG_LEN(4) - 1)
print(msg, anc, flags & socket.MSG_CTRUNC == socket.MSG_CTRUNC, [str(w.message) for w in caught])

# send_fds / recv_fds from Lib's socket.py.
print(socket.send_fds(a, [b"abc"], [r, w]))
msg, fds2, flags, addr = socket.recv_fds(b, 10, 5)
print(msg, len(fds2), flags, addr)
os.write(fds2[1], b"via send_fds")
print(os.read(fds2[0], 100))
for fd in fds2 + [r, w, r2, w2]:
    os.close(fd)

# SCM_CREDENTIALS with SO_PASSCRED: the sender's pid, uid and gid.
a.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
b.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
a.sendmsg([b"C"])
msg, anc, flags, addr = b.recvmsg(10, socket.CMSG_SPACE(12))
lvl, kind, data = anc[0]
creds = array.array("i", data)
print(msg, kind == socket.SCM_CREDENTIALS, list(creds) == [os.getpid(), os.getuid(), os.getgid()])

# A timeout applies.
b.settimeout(0.05)
t(b.recvmsg, 10)
t(b.recvmsg_into, [bytearray(4)])
b.setblocking(False)
t(b.recvmsg, 10)

# Datagrams keep their boundaries; MSG_PEEK leaves the data.
c, d = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
c.sendmsg([b"one"])
c.sendmsg([b"two", b"!"])
print(d.recvmsg(10, 0, socket.MSG_PEEK))
print(d.recvmsg(10))
print(d.recvmsg(2))
for s in (a, b, c, d):
    s.close()
t(a.sendmsg, [b"x"])
t(a.recvmsg, 1)

# Interface names and the other functions CPython has on Linux.
print(socket.if_indextoname(socket.if_nametoindex("lo")))
print((1, "lo") in socket.if_nameindex())
t(socket.if_indextoname, -1)
t(socket.if_indextoname, "a")
t(socket.if_indextoname, 0)
t(socket.sethostname)
t(socket.sethostname, 1)
s = socket.socket()
t(s.sendmsg_afalg)
t(s.sendmsg_afalg, op=0)
s.close()
print(sorted(set(dir(socket.socket)) & {"recvmsg", "recvmsg_into", "sendmsg", "sendmsg_afalg", "__del__"}))

# CMSG_LEN / CMSG_SPACE stop at CPython's socklen_t limit (2**31 - 1).
for f in (socket.CMSG_LEN, socket.CMSG_SPACE):
    for v in (0, 1, 4, -1, 2 ** 31, 2 ** 31 - 16, 2 ** 31 - 17, 2 ** 31 - 32, 2 ** 31 - 33, 2 ** 63, 1.5):
        t(f, v)
