# os.scandir: DirEntry caching, the context manager, bytes and fd forms.
import os, stat

D = '/tmp/taipan_posix_scandir_%d' % os.getpid()
os.mkdir(D)
try:
    with open(os.path.join(D, 'file'), 'w') as f:
        f.write('12345')
    os.mkdir(os.path.join(D, 'dir'))
    os.symlink('file', os.path.join(D, 'link'))
    os.symlink('dir', os.path.join(D, 'dlink'))
    os.symlink('nowhere', os.path.join(D, 'broken'))

    with os.scandir(D) as it:
        print(type(it).__name__, iter(it) is it)
        entries = sorted(it, key=lambda e: e.name)
    for e in entries:
        print(repr(e), e.name, e.path.replace(D, '<d>'), os.fspath(e).replace(D, '<d>'),
              e.is_dir(), e.is_dir(follow_symlinks=False), e.is_file(), e.is_file(follow_symlinks=False),
              e.is_symlink(), isinstance(e.inode(), int))
    e = [x for x in entries if x.name == 'file'][0]
    print(e.stat().st_size, e.stat() is e.stat(), e.stat(follow_symlinks=False).st_size)
    l = [x for x in entries if x.name == 'link'][0]
    print(l.stat().st_size, stat.S_ISLNK(l.stat(follow_symlinks=False).st_mode))
    b = [x for x in entries if x.name == 'broken'][0]
    try:
        b.stat()
    except FileNotFoundError as exc:
        print('FileNotFoundError', exc.filename.replace(D, '<d>'))
    print(isinstance(e, os.PathLike), type(e).__module__, os.DirEntry.__name__)
    try:
        os.DirEntry()
    except TypeError as exc:
        print(exc)
    try:
        e.name = 'x'
    except AttributeError as exc:
        print('AttributeError')

    with os.scandir(os.fsencode(D)) as it:
        print(sorted(x.name for x in it))
    fd = os.open(D, os.O_RDONLY)
    with os.scandir(fd) as it:
        names = sorted((x.name, x.path, x.is_dir()) for x in it)
    print(names)
    os.close(fd)

    it = os.scandir(D)
    next(it)
    it.close()
    print(list(it))
    with os.scandir(D) as it:
        pass
    print(list(it))
    print(sorted(x.name for x in os.scandir(D) if x.is_file()))
    try:
        os.scandir(os.path.join(D, 'file'))
    except NotADirectoryError as exc:
        print('NotADirectoryError', exc.errno)
    old = os.getcwd()
    os.chdir(D)
    print(sorted((x.name, x.path) for x in os.scandir()))
    os.chdir(old)
finally:
    for n in os.listdir(D):
        p = os.path.join(D, n)
        if os.path.isdir(p) and not os.path.islink(p):
            os.rmdir(p)
        else:
            os.unlink(p)
    os.rmdir(D)
