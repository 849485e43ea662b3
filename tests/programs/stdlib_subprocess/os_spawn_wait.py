# os.posix_spawn/posix_spawnp (file actions, attributes), wait3/wait4/
# waitid, waitstatus_to_exitcode, pidfd_open, sched_param.
import os
import signal

def show(f, *a, **k):
    try:
        print(f.__name__, repr(f(*a, **k)))
    except Exception as e:
        print(f.__name__, type(e).__name__, e)

def spawn(*a, **k):
    try:
        pid = os.posix_spawn(*a, **k)
    except Exception as e:
        print("spawn", type(e).__name__, e)
        return
    print("spawn exit", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))

E = {"PATH": "/bin:/usr/bin"}
spawn("/bin/sh", ["sh", "-c", "exit 3"], E)
spawn("/bin/true", "true", E)
spawn("/bin/true", [], E)
spawn("/bin/true", [""], E)
spawn("/bin/true", ["true"], None)
spawn("/bin/true", ["true"], E, file_actions=5)
spawn("/bin/true", ["true"], E, file_actions=[5])
spawn("/bin/true", ["true"], E, file_actions=[(99,)])
spawn("/bin/true", ["true"], E, file_actions=[(os.POSIX_SPAWN_OPEN, 1)])
spawn("/bin/true", ["true"], E, file_actions=[(os.POSIX_SPAWN_CLOSE, 1, 2)])
spawn("/bin/true", ["true"], E, file_actions=[(os.POSIX_SPAWN_DUP2, 1)])
spawn("/bin/true", ["true"], E, file_actions=None)
spawn("/bin/true", ["true"], E, setsigmask=[0])
spawn("/bin/true", ["true"], E, setsigdef=[signal.SIGPIPE, signal.SIGUSR1])
spawn("/bin/true", ["true"], E, scheduler=(0, 5))
spawn("/bin/true", ["true"], E, scheduler=(None, os.sched_param(0)))
spawn("/bin/true", ["true"], E, scheduler=(0,))
spawn("/bin/true", ["true"], E, setpgroup=0, resetids=True)
spawn("/bin/sh", ["sh", "-c", "test $(cut -d' ' -f6 /proc/$$/stat) = $$"], E, setsid=True)
spawn("/nonexistent", ["x"], E)
spawn("true", ["true"], E)
spawn("/bin/true", ["true"], {"a=b": "c"})
spawn("/bin/true", ["true"], E, foo=1)
spawn("/bin/true", ["true"])
spawn(5, ["true"], E)
pid = os.posix_spawnp("sh", ["sh", "-c", "exit 4"], E)
print("spawnp exit", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))

# file actions: open, dup2, close
name = "/tmp/taipan_stdlib_subprocess_os_spawn_wait.txt"
pid = os.posix_spawn("/bin/sh", ["sh", "-c", "echo opened; echo $X"], {"X": "env value"},
                     file_actions=[(os.POSIX_SPAWN_OPEN, 1, name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
                                   (os.POSIX_SPAWN_CLOSE, 0)])
os.waitpid(pid, 0)
with open(name) as f:
    print(f.read())
r, w = os.pipe()
pid = os.posix_spawn("/bin/sh", ["sh", "-c", "echo piped"], E,
                     file_actions=[(os.POSIX_SPAWN_DUP2, w, 1), (os.POSIX_SPAWN_CLOSE, r)])
os.close(w)
os.waitpid(pid, 0)
print(os.read(r, 100))
os.close(r)
os.unlink(name)

# wait family
pid = os.fork()
if pid == 0:
    os._exit(3)
r = os.waitid(os.P_PID, pid, os.WEXITED)
print(type(r).__name__, r.si_status, r.si_code == os.CLD_EXITED, r.si_signo == signal.SIGCHLD, r.si_pid == pid, len(r))
pid = os.fork()
if pid == 0:
    os._exit(4)
p, status, ru = os.wait4(pid, 0)
print(p == pid, status, os.waitstatus_to_exitcode(status), type(ru).__name__, len(ru))
pid = os.fork()
if pid == 0:
    os.kill(os.getpid(), signal.SIGKILL)
p, status, ru = os.wait3(0)
print(p == pid, os.waitstatus_to_exitcode(status), os.WIFSIGNALED(status), os.WTERMSIG(status))
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.read(r, 1)
    os._exit(0)
print(os.wait3(os.WNOHANG)[:2], os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG))
print(os.wait4(pid, os.WNOHANG)[:2])
os.write(w, b"x")
print(os.wait4(pid, 0)[1])
os.close(r)
os.close(w)
show(os.wait3)
show(os.wait3, "x")
show(os.wait3, options=0)
show(os.wait4, 1)
show(os.waitid)
show(os.waitid, os.P_ALL, 0, os.WEXITED | os.WNOHANG)
show(os.waitid, 99, 0, os.WEXITED)
show(os.waitstatus_to_exitcode, 0x7f | (19 << 8))
print(os.waitid_result.n_fields, os.waitid_result.__doc__.splitlines()[0])

# pidfd_open
fd = os.pidfd_open(os.getpid())
print(fd > 2)
os.close(fd)
show(os.pidfd_open)
show(os.pidfd_open, -5)
show(os.pidfd_open, os.getpid(), 5)

# sched_param and the scheduler
print(os.sched_param(5), os.sched_param(sched_priority=3).sched_priority, os.sched_param.n_fields)
print(os.sched_param(3).__reduce__()[1], os.sched_param(3) == (3,))
show(os.sched_param)
show(os.sched_param, 1, 2)
show(os.sched_param, x=1)
print(os.sched_get_priority_max(os.SCHED_FIFO), os.sched_get_priority_min(os.SCHED_RR))
print(os.sched_getscheduler(0) == os.SCHED_OTHER, os.sched_getparam(0))
show(os.sched_setparam, 0, os.sched_param(0))
show(os.sched_setparam, 0, 5)
show(os.sched_setscheduler, 0, os.SCHED_OTHER, os.sched_param(0))
show(os.sched_setaffinity, 0, os.sched_getaffinity(0))
show(os.sched_setaffinity, 0, [-1])
show(os.sched_setaffinity, 0, ["a"])
