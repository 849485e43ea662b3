# subprocess errors: missing executables and directories, bad arguments,
# timeouts.
import os
import subprocess
import sys

def show(f, *a, **k):
    try:
        r = f(*a, **k)
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, e, getattr(e, "errno", None), getattr(e, "filename", None))

show(subprocess.run, ["/nonexistent/program"])
show(subprocess.run, ["no_such_program_anywhere"])
show(subprocess.run, ["no_such_program_anywhere"], env={"PATH": "/bin:/usr/bin"})
show(subprocess.run, ["/bin/echo"], cwd="/nonexistent_dir")
show(subprocess.run, ["/bin/echo"], cwd="/etc/passwd")
show(subprocess.run, ["/etc/passwd"])
show(subprocess.run, ["/etc"])
show(subprocess.run, ["/bin/echo/x"])
show(subprocess.Popen, ["/nonexistent/program"], stdout=subprocess.PIPE)
show(subprocess.run, ["/bin/echo", "a\0b"])
show(subprocess.run, ["/bin/echo"], env={"A": "b\0"})
show(subprocess.run, ["/bin/echo"], env={"A=B": "c"})
show(subprocess.run, ["/bin/echo", 5])
show(subprocess.run, 5)
show(subprocess.run, ["/bin/echo"], cwd=5)
show(subprocess.run, ["/bin/echo"], pass_fds=("x",))
show(subprocess.run, ["/bin/echo"], stdin=subprocess.PIPE, input=b"x")
show(subprocess.run, ["/bin/echo"], capture_output=True, stdout=subprocess.PIPE)
show(subprocess.check_output, ["/bin/echo"], stdout=subprocess.PIPE)
show(subprocess.run, ["/bin/echo"], user="no_such_user_xyz")
show(subprocess.run, ["/bin/echo"], group="no_such_group_xyz")
show(subprocess.run, ["/bin/echo"], extra_groups=["no_such_group_xyz"])
show(subprocess.run, ["/bin/echo"], umask="x")
show(subprocess.Popen, ["/bin/echo"], bufsize=1.5)
show(subprocess.Popen, [])

# timeouts (the time in the message depends on the clock, so print only the type)
for kw in ({}, {"capture_output": True}):
    try:
        subprocess.run(["/bin/sleep", "5"], timeout=0.2, **kw)
    except subprocess.TimeoutExpired as e:
        print("TimeoutExpired", e.cmd, e.output, e.stderr, isinstance(e.timeout, float))
try:
    subprocess.check_output(["/bin/sh", "-c", "echo before; exec /bin/sleep 5"], timeout=0.5)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired", e.cmd, e.output, e.stdout)
p = subprocess.Popen(["/bin/sleep", "5"])
try:
    p.wait(timeout=0.1)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired", str(e))
p.kill()
print(p.wait())
p = subprocess.Popen(["/bin/sh", "-c", "exec /bin/sleep 5"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
try:
    p.communicate(b"data", timeout=0.2)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired", e.cmd)
p.kill()
print(p.communicate(), p.returncode)
print(subprocess.run(["/bin/echo", "fast"], timeout=10, capture_output=True).stdout)
