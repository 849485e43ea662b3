# subprocess.Popen: pipes, communicate, poll/wait, signals, context manager,
# file objects, DEVNULL, pass_fds/close_fds, sessions and process groups.
import os
import signal
import subprocess
import sys

p = subprocess.Popen(["/bin/cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, err = p.communicate(b"one\ntwo\n")
print(out, err, p.returncode, p.poll(), p.wait())

p = subprocess.Popen(["/bin/sh", "-c", "read x; echo got $x; echo e >&2; exit 9"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
print(p.communicate("value\n"), p.returncode)

# write, close, then read line by line
p = subprocess.Popen(["/bin/cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
for i in range(3):
    p.stdin.write("line %d\n" % i)
p.stdin.close()
print([line for line in p.stdout])
p.stdout.close()
print(p.wait())

# large data through both pipes at once (needs the communicate loop)
data = b"x" * 300000 + b"\n"
p = subprocess.Popen(["/bin/cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, _ = p.communicate(data)
print(len(out), out == data)

# context manager and poll
with subprocess.Popen(["/bin/sh", "-c", "exit 6"], stdout=subprocess.PIPE) as p:
    p.wait()
print(p.returncode, p.stdout.closed)

p = subprocess.Popen(["/bin/sleep", "10"])
print(p.poll())
p.terminate()
print(p.wait())
p = subprocess.Popen(["/bin/sleep", "10"])
p.kill()
print(p.wait())
p = subprocess.Popen(["/bin/sleep", "10"])
p.send_signal(signal.SIGINT)
print(p.wait())
p.send_signal(signal.SIGINT)  # after exit: ignored
print(p.returncode)

# DEVNULL and a file as stdout
p = subprocess.Popen(["/bin/cat"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
print(p.communicate())
name = "/tmp/taipan_stdlib_subprocess_popen.txt"
with open(name, "w") as f:
    subprocess.run(["/bin/echo", "to a file"], stdout=f)
    subprocess.run(["/bin/sh", "-c", "echo stderr to the same >&2"], stderr=f.fileno())
with open(name) as f:
    print(f.read())
with open(name, "rb") as f:
    print(subprocess.run(["/bin/cat"], stdin=f, capture_output=True).stdout)
os.unlink(name)

# pass_fds / close_fds
r, w = os.pipe()
code = "echo through >&%d" % w
print(subprocess.run(["/bin/sh", "-c", code], pass_fds=(w,)).returncode)
os.close(w)
print(os.read(r, 100))
os.close(r)
r, w = os.pipe()
os.set_inheritable(w, True)
print(subprocess.run(["/bin/sh", "-c", "echo closed >&%d" % w], stderr=subprocess.DEVNULL).returncode)
print(subprocess.run(["/bin/sh", "-c", "echo kept >&%d" % w], close_fds=False).returncode)
print(subprocess.run(["/bin/sh", "-c", "exit 3"], close_fds=False).returncode)  # posix_spawn path
print(subprocess.run(["/bin/cat"], input=b"spawned with pipes", capture_output=True, close_fds=False).stdout)
try:
    subprocess.run(["/nonexistent/x"], close_fds=False)
except OSError as e:
    print(type(e).__name__, e)
os.close(w)
print(os.read(r, 100))
os.close(r)
print(sorted(int(x) for x in subprocess.check_output(["/bin/ls", "/proc/self/fd"]).split())[:3])

# sessions, process groups, umask
out = subprocess.check_output(["/bin/sh", "-c", "ps -o pid=,sid=,pgid= -p $$ 2>/dev/null || cat /proc/$$/stat"],
                              start_new_session=True, text=True)
def ids(out):
    f = out.split()
    if len(f) == 3:
        return f
    return [f[0], f[5], f[4]]
pid, sid, pgid = ids(out)
print("new session:", pid == sid == pgid)
pid, sid, pgid = ids(subprocess.check_output(["/bin/sh", "-c", "cat /proc/$$/stat"], process_group=0, text=True))
print("own group:", pid == pgid, sid == pid)
print(subprocess.check_output(["/bin/sh", "-c", "umask"], umask=0o027, text=True).strip())
print(subprocess.check_output(["/bin/sh", "-c", "umask"], umask=0o077, text=True).strip())

# restore_signals: SIGPIPE is ignored in Python, default in the child
def sigpipe_ignored(**kw):
    status = subprocess.check_output(["/bin/cat", "/proc/self/status"], text=True, **kw)
    line = [l for l in status.splitlines() if l.startswith("SigIgn:")][0]
    return bool(int(line.split()[1], 16) & (1 << (signal.SIGPIPE - 1)))
print("SIGPIPE ignored:", sigpipe_ignored(), sigpipe_ignored(restore_signals=False))

# preexec_fn runs in the child before exec
def pre():
    os.environ["FROM_PREEXEC"] = "1"
    os.write(1, b"preexec ran\n")
print(subprocess.run(["/bin/sh", "-c", "echo exec ran"], preexec_fn=pre, capture_output=True).stdout)
def bad():
    raise ValueError("boom")
try:
    subprocess.run(["/bin/echo"], preexec_fn=bad)
except subprocess.SubprocessError as e:
    print(type(e).__name__, e)

# pid and args attributes
p = subprocess.Popen(["/bin/true"])
print(p.args, isinstance(p.pid, int), p.pid > 0, p.wait())
p = subprocess.Popen("exit 2", shell=True)
print(p.args, p.wait())
