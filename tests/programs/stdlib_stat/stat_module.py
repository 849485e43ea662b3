# _stat (through stat): constants, S_IS* tests, S_IMODE/S_IFMT, filemode, errors.
import stat, _stat
names = sorted(n for n in dir(_stat) if n[:1].isupper())
print(len(names))
for n in names:
    v = getattr(_stat, n)
    print(n, v if isinstance(v, int) else type(v).__name__)
modes = [0o040755, 0o100644, 0o120777, 0o020620, 0o060660, 0o010600, 0o140755, 0o104755, 0o102755,
         0o041777, 0o041776, 0o100000, 0o170777, 0, 0o4000, 0o2000, 0o1000, 0o106644, 0o101644]
for m in modes:
    print(oct(m), stat.filemode(m), stat.S_IMODE(m), stat.S_IFMT(m),
          [f.__name__ for f in (stat.S_ISDIR, stat.S_ISCHR, stat.S_ISBLK, stat.S_ISREG, stat.S_ISFIFO,
                                stat.S_ISLNK, stat.S_ISSOCK, stat.S_ISDOOR, stat.S_ISPORT, stat.S_ISWHT) if f(m)])
for bad in ['x', -1, 2**40, 2**80, 1.5, None]:
    for f in (stat.S_ISDIR, stat.filemode, stat.S_IMODE):
        try:
            print(f(bad))
        except (TypeError, OverflowError) as e:
            print(type(e).__name__, e)
try:
    stat.S_ISDIR()
except TypeError as e:
    print(e)
print(stat.S_ISDIR is _stat.S_ISDIR, stat.filemode is _stat.filemode)
