# posix: descriptors, the environment, processes, struct sequences, name tables.
import os, sys

r, w = os.pipe()
print(os.get_inheritable(r), os.get_blocking(r))
os.set_blocking(r, False)
print(os.get_blocking(r))
try:
    os.read(r, 10)
except BlockingIOError as e:
    print('BlockingIOError', e.errno)
os.set_blocking(r, True)
os.write(w, b'abc')
print(os.read(r, 10))
d = os.dup(w)
os.set_inheritable(d, True)
print(os.get_inheritable(d))
os.dup2(r, d)
os.closerange(d, d + 1)
try:
    os.fstat(d)
except OSError as e:
    print(type(e).__name__, e)
os.close(r); os.close(w)
r, w = os.pipe2(os.O_NONBLOCK)
print(os.get_blocking(r))
os.close(r); os.close(w)
print(os.isatty(0), os.device_encoding(0))

os.environ['TAIPAN_TEST_VAR'] = 'v1'
print(os.environ['TAIPAN_TEST_VAR'], os.environb[b'TAIPAN_TEST_VAR'], os.getenv('TAIPAN_TEST_VAR'))
del os.environ['TAIPAN_TEST_VAR']
print(os.getenv('TAIPAN_TEST_VAR'))
import posix
print(type(posix.environ).__name__, all(isinstance(k, bytes) for k in posix.environ))
for bad in ['', 'a=b', '=a']:
    for f in (lambda: os.putenv(bad, 'x'), lambda: os.unsetenv(bad)):
        try:
            f()
        except (ValueError, OSError) as e:
            print(type(e).__name__, e)

print(os.strerror(2), os.strerror(13))
old = os.umask(0o22)
print(os.umask(old) == 0o22)
print(os.waitstatus_to_exitcode(256), os.waitstatus_to_exitcode(9))
try:
    os.waitstatus_to_exitcode(0x7f)
except ValueError as e:
    print(e)
print(os.WIFEXITED(256), os.WEXITSTATUS(256), os.WIFSIGNALED(9), os.WTERMSIG(9), os.WIFSTOPPED(0x137f), os.WSTOPSIG(0x137f))

sys.stdout.flush()
pid = os.fork()
if pid == 0:
    os._exit(7)
p, status = os.waitpid(pid, 0)
print(p == pid, os.WIFEXITED(status), os.WEXITSTATUS(status), os.waitstatus_to_exitcode(status))
try:
    os.waitpid(pid, 0)
except ChildProcessError as e:
    print('ChildProcessError', e.errno)
calls = []
os.register_at_fork(before=lambda: calls.append('b1'), after_in_parent=lambda: calls.append('p1'))
os.register_at_fork(before=lambda: calls.append('b2'), after_in_parent=lambda: calls.append('p2'))
pid = os.fork()
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
print(calls)
for kw in [{}, {'before': 5}]:
    try:
        os.register_at_fork(**kw)
    except TypeError as e:
        print(e)

print(os.getpid() > 0, os.getppid() > 0, os.getuid() >= 0, os.getgid() >= 0, os.getpgrp() > 0)
print(os.stat_result(range(10)))
print(os.stat_result(range(13)).st_atime, os.stat_result(range(10), {'st_atime': 1.5}).st_atime)
for n in [9, 20]:
    try:
        os.stat_result(range(n))
    except TypeError as e:
        print(e)
st = os.stat_result(range(19))
print(st.__reduce__())
try:
    st.st_mode = 1
except AttributeError as e:
    print(e)
ts = os.terminal_size((80, 24))
print(ts, ts.columns, ts.lines, ts == (80, 24), os.terminal_size.__module__)
try:
    os.terminal_size((1, 2, 3))
except TypeError as e:
    print(e)
t = os.times()
print(type(t).__name__, len(t), all(isinstance(x, float) for x in t))
u = os.uname()
print(type(u).__name__, len(u), u.sysname)
print(type(os.cpu_count()).__name__, len(os.sched_getaffinity(0)) >= 1)
print(os.sysconf('SC_PAGESIZE') == os.sysconf(os.sysconf_names['SC_PAGESIZE']) > 0)
print('SC_ARG_MAX' in os.sysconf_names, 'CS_PATH' in os.confstr_names, 'PC_NAME_MAX' in os.pathconf_names)
print(os.pathconf('/', 'PC_NAME_MAX') > 0, isinstance(os.confstr('CS_PATH'), str))
try:
    os.sysconf('NOPE')
except ValueError as e:
    print(e)
print(len(os.urandom(16)), os.urandom(0))
try:
    os.urandom(-1)
except ValueError as e:
    print(e)
print(len(os.getloadavg()))
print(os.fspath('a'), os.fspath(b'b'))
try:
    os.fspath(1)
except TypeError as e:
    print(e)
print(os.fsencode('caf\udce9'), os.fsdecode(b'caf\xe9') == 'caf\udce9')
print(sorted(os.supports_dir_fd - {os.stat}) == sorted(os.supports_dir_fd - {os.stat}), os.stat in os.supports_fd, os.stat in os.supports_follow_symlinks)
print(os.name, os.sep, os.curdir, os.linesep == '\n', os.devnull)
print(os.get_exec_path(['/a:/b']) if False else os.get_exec_path({'PATH': '/a:/b'}))
