# pwd, grp, resource, fcntl: lookups of root (uid/gid 0), errors, limits, descriptor flags and locks.
import pwd, grp, resource, fcntl, os

p = pwd.getpwuid(0)
print(p.pw_name, p.pw_uid, p.pw_gid, type(p).__name__, len(p), p == pwd.getpwnam(p.pw_name))
print(pwd.struct_passwd.__module__, any(e.pw_uid == 0 for e in pwd.getpwall()))
for f, a in [(pwd.getpwuid, 2**31 - 7), (pwd.getpwnam, 'no such user here'), (pwd.getpwuid, 'x'),
             (pwd.getpwnam, 1), (pwd.getpwuid, 2**40), (pwd.getpwuid, 1.5)]:
    try:
        f(a)
    except (KeyError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
g = grp.getgrgid(0)
print(g.gr_name, g.gr_gid, type(g.gr_mem).__name__, g == grp.getgrnam(g.gr_name), any(e.gr_gid == 0 for e in grp.getgrall()))
for f, a in [(grp.getgrgid, 2**31 - 7), (grp.getgrnam, 'no such group'), (grp.getgrgid, 'x'), (grp.getgrgid, -5)]:
    try:
        f(a)
    except (KeyError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
print(resource.getrlimit(resource.RLIMIT_NOFILE) == (soft, hard), resource.prlimit(0, resource.RLIMIT_NOFILE) == (soft, hard))
for bad in [(99,), (resource.RLIMIT_NOFILE, (1,)), (resource.RLIMIT_NOFILE, (hard + 1, hard))]:
    try:
        (resource.getrlimit if len(bad) == 1 else resource.setrlimit)(*bad)
    except ValueError as e:
        print('ValueError', e)
u = resource.getrusage(resource.RUSAGE_SELF)
print(type(u).__name__, len(u), type(u.ru_utime).__name__, u.ru_maxrss > 0)
try:
    resource.getrusage(99)
except ValueError as e:
    print(e)
print(resource.getpagesize() == os.sysconf('SC_PAGESIZE'), resource.RLIM_INFINITY, resource.error is OSError)

r, w = os.pipe()
fl = fcntl.fcntl(r, fcntl.F_GETFL)
fcntl.fcntl(r, fcntl.F_SETFL, fl | os.O_NONBLOCK)
print(bool(fcntl.fcntl(r, fcntl.F_GETFL) & os.O_NONBLOCK), fcntl.fcntl(r, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
print(fcntl.fcntl(r, fcntl.F_GETFL, b'\0' * 4))
for f, a in [(fcntl.fcntl, (999, fcntl.F_GETFL)), (fcntl.fcntl, ('x', 1)), (fcntl.flock, (999, fcntl.LOCK_EX)),
             (fcntl.fcntl, (r, 1, b'x' * 2000)), (fcntl.fcntl, (r, 1, 1.5))]:
    try:
        f(*a)
    except (OSError, TypeError, ValueError) as e:
        print(type(e).__name__, e)
os.close(r); os.close(w)
path = '/tmp/taipan_fcntl_%d' % os.getpid()
with open(path, 'w') as f:
    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    fcntl.flock(f.fileno(), fcntl.LOCK_UN)
    fcntl.lockf(f, fcntl.LOCK_EX)
    fcntl.lockf(f, fcntl.LOCK_UN)
    print('locked and unlocked')
os.unlink(path)
print(fcntl.LOCK_EX, fcntl.F_GETFL, fcntl.F_SETLKW)
