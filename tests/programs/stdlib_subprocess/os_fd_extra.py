# More os calls on descriptors: vectored I/O, fallocate/fadvise, lockf, eventfd,
# memfd_create, getrandom, terminals (openpty, forkpty, login_tty), chroot, mknod.
import os
def t(f, *a, **k):
    try: print(f.__name__, repr(f(*a, **k)))
    except BaseException as e: print(f.__name__, type(e).__name__, e)
t(os.readv, 0, 5); t(os.readv, 0, [5]); t(os.readv); t(os.writev, 1, 5); t(os.writev, 99, [b'x']); t(os.writev, 1, [5])
t(os.preadv, 0, [bytearray(1)], 0, 99); t(os.pwritev, 99, [b'x'], 0)
t(os.posix_fallocate, 99, 0, 1); t(os.posix_fadvise, 99, 0, 1, 0); t(os.lockf, 99, 0, 1)
t(os.eventfd_read, 99); t(os.eventfd_write, 99, 1); t(os.eventfd, -1); t(os.eventfd, 'x')
t(os.memfd_create, 'x', 99999); t(os.getrandom, -1); t(os.getrandom, 5, 99999)
t(os.tcgetpgrp, 99); t(os.tcsetpgrp, 99, 1); t(os.ctermid); t(os.chroot, '/nonexistent'); t(os.mknod, '/nonexistent/x')
t(os.login_tty, 99)
fd = os.eventfd(3, os.EFD_CLOEXEC); print(os.eventfd_read(fd)); os.eventfd_write(fd, 5); print(os.eventfd_read(fd)); print(os.get_inheritable(fd)); os.close(fd)
m = os.memfd_create('name'); os.write(m, b'abc'); print(os.pread(m, 10, 0)); 
print(os.preadv(m, [bytearray(2), bytearray(5)], 0)); print(os.pwritev(m, [b'xy', b'z'], 1)); os.lseek(m,0,0)
b1, b2 = bytearray(1), bytearray(10); print(os.readv(m, [b1, b2]), b1, b2); print(os.writev(m, [b'12', memoryview(b'34')]))
print(os.posix_fallocate(m, 0, 100), os.fstat(m).st_size, os.posix_fadvise(m, 0, 0, os.POSIX_FADV_NORMAL), os.lockf(m, os.F_LOCK, 0), os.lockf(m, os.F_ULOCK, 0))
os.close(m)
print(len(os.getrandom(5)), os.getrandom(0))
a, b = os.openpty(); print(os.isatty(a), os.get_inheritable(a), os.get_inheritable(b)); os.close(a); os.close(b)
t(os.readv, 0, [])
for f,a in [(os.readv,(0,[b'x'])),(os.readv,(0,[memoryview(b'x')])),(os.eventfd,(2**33,)),(os.memfd_create,(5,)),(os.getrandom,('x',)),(os.lockf,(0,'x',0)),(os.posix_fallocate,(0,'x',0)),(os.tcsetpgrp,(0,'x'))]:
    try: print(f(*a))
    except Exception as e: print(f.__name__, type(e).__name__, e)
pid, fd = os.forkpty()
if pid == 0:
    print("in child", os.isatty(0)); os._exit(0)

out = b''
while True:
    try: c = os.read(fd, 100)
    except OSError: break
    if not c: break
    out += c
print(out, os.waitpid(pid, 0)[1]); os.close(fd)
name='/tmp/taipan_stdlib_subprocess_os_fd_extra'
os.mknod(name, 0o600 | 0o010000); import stat; print(stat.S_ISFIFO(os.stat(name).st_mode)); os.unlink(name)
