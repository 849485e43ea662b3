# Files and directories through os: create, read, write, stat, rename, links, errors.
import os, stat

D = '/tmp/taipan_posix_files_%d' % os.getpid()

def show(e):
    s = str(e).replace(D, '<d>')
    f = e.filename.replace(D, '<d>') if isinstance(e.filename, str) else e.filename
    f2 = e.filename2.replace(D, '<d>') if isinstance(e.filename2, str) else e.filename2
    print(type(e).__name__, e.errno, repr(e.strerror), repr(f), repr(f2), s)

def attempt(f, *a, **k):
    try:
        r = f(*a, **k)
        print('ok', r if not isinstance(r, str) else r.replace(D, '<d>'))
    except OSError as e:
        show(e)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

os.mkdir(D)
try:
    p = os.path.join(D, 'a.txt')
    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    print(os.write(fd, b'hello world'), os.get_inheritable(fd))
    print(os.lseek(fd, 0, os.SEEK_CUR), os.lseek(fd, 0, os.SEEK_END))
    print(os.pwrite(fd, b'HE', 0))
    os.ftruncate(fd, 8)
    print(os.fstat(fd).st_size)
    os.fsync(fd)
    os.close(fd)
    fd = os.open(p, os.O_RDONLY)
    print(os.read(fd, 100), os.pread(fd, 3, 2), os.read(fd, 5))
    os.close(fd)
    attempt(os.close, fd)
    attempt(os.read, 999, 1)

    st = os.stat(p)
    print(st.st_size, stat.filemode(st.st_mode), stat.S_ISREG(st.st_mode), st.st_nlink)
    print(type(st.st_mtime).__name__, type(st.st_mtime_ns).__name__, type(st[8]).__name__)
    print(st.st_mtime_ns // 10**9 == st[stat.ST_MTIME] == int(st.st_mtime))
    print(len(st), st.n_fields, st.n_sequence_fields, st.n_unnamed_fields)
    os.chmod(p, 0o600)
    print(stat.filemode(os.stat(p).st_mode))
    os.utime(p, (1000000000, 1500000000.25))
    st = os.stat(p)
    print(st.st_atime, st.st_mtime, st.st_mtime_ns, st[8])
    os.utime(p, ns=(5 * 10**9 + 7, 6 * 10**9 + 9))
    st = os.stat(p)
    print(st.st_atime_ns, st.st_mtime_ns)
    attempt(os.utime, p, (1, 2), ns=(1, 2))
    attempt(os.utime, p, 5)
    print(os.access(p, os.R_OK), os.access(p, os.X_OK), os.access(p + 'x', os.F_OK))

    os.mkdir(os.path.join(D, 'sub'))
    attempt(os.mkdir, os.path.join(D, 'sub'))
    attempt(os.mkdir, os.path.join(D, 'no', 'sub'))
    attempt(os.rmdir, p)
    attempt(os.unlink, os.path.join(D, 'sub'))
    attempt(os.listdir, p)
    attempt(os.stat, os.path.join(D, 'missing'))
    attempt(os.rename, os.path.join(D, 'missing'), os.path.join(D, 'other'))
    attempt(os.open, os.path.join(D, 'sub'), os.O_WRONLY)
    attempt(os.stat, 'a\0b')
    attempt(os.stat, 3.5)
    attempt(os.lstat, 3)
    attempt(os.listdir, [1])
    attempt(os.stat, p, dir_fd='x')
    attempt(os.stat, 1, dir_fd=1)
    attempt(os.stat, 1, follow_symlinks=False)
    attempt(os.stat, b'a\0')
    attempt(os.fstat, 999)
    attempt(os.stat, 999)

    os.rename(p, os.path.join(D, 'b.txt'))
    os.replace(os.path.join(D, 'b.txt'), os.path.join(D, 'a.txt'))
    os.link(p, os.path.join(D, 'hard'))
    print(os.stat(p).st_nlink, os.path.samefile(p, os.path.join(D, 'hard')))
    os.symlink('a.txt', os.path.join(D, 'sym'))
    print(os.readlink(os.path.join(D, 'sym')), os.readlink(os.fsencode(os.path.join(D, 'sym'))))
    print(stat.S_ISLNK(os.lstat(os.path.join(D, 'sym')).st_mode), stat.S_ISREG(os.stat(os.path.join(D, 'sym')).st_mode))
    attempt(os.readlink, p)
    attempt(os.symlink, 'a.txt', os.path.join(D, 'sym'))

    print(sorted(os.listdir(D)))
    print(sorted(os.listdir(os.fsencode(D))))
    dfd = os.open(D, os.O_RDONLY | os.O_DIRECTORY)
    print(sorted(os.listdir(dfd)))
    print(os.stat('a.txt', dir_fd=dfd).st_size)
    os.mkdir('made', dir_fd=dfd)
    print(os.path.isdir(os.path.join(D, 'made')))
    os.rmdir('made', dir_fd=dfd)
    os.close(dfd)

    os.makedirs(os.path.join(D, 'x', 'y', 'z'))
    attempt(os.makedirs, os.path.join(D, 'x', 'y', 'z'))
    os.makedirs(os.path.join(D, 'x', 'y', 'z'), exist_ok=True)
    for root, dirs, files in os.walk(D):
        dirs.sort()
        print(root.replace(D, '<d>'), dirs, sorted(files))
    os.removedirs(os.path.join(D, 'x', 'y', 'z'))
    print(os.path.exists(os.path.join(D, 'x')))

    os.truncate(p, 3)
    print(os.path.getsize(p))
    cwd = os.getcwd()
    os.chdir(D)
    print(os.getcwd().replace(D, '<d>'), os.getcwdb() == os.fsencode(D))
    os.chdir(cwd)
finally:
    for root, dirs, files in os.walk(D, topdown=False):
        for f in files:
            os.unlink(os.path.join(root, f))
        for d in dirs:
            p = os.path.join(root, d)
            if os.path.islink(p):
                os.unlink(p)
            else:
                os.rmdir(p)
    os.rmdir(D)
print(os.path.exists(D))
