# _posixsubprocess.fork_exec: argument checks (CPython's messages), gc left
# as it was, and a direct call with the error-pipe protocol.
import gc
import os
import _posixsubprocess

print(_posixsubprocess.__doc__)

def call(*args):
    try:
        pid = _posixsubprocess.fork_exec(*args)
    except Exception as e:
        print(type(e).__name__, e)
        return None
    return pid

def base():
    return [[b"/bin/true"], [b"/bin/true"], True, (), None, None,
            -1, -1, -1, -1, -1, -1, 3, 4, True, False, -1, None, None, None, -1, None, True]

call()
call(*(1,) * 23)
for index, value in [(3, [5]), (3, (5, 3)), (3, (-1, 2)), (3, ("str", 4)), (3, (18, 2**63)), (3, (6, 7, 7)),
                     (13, 2), (6, 1.5), (6, "x"), (1, ["x"]), (1, 5), (0, 5), (18, (1,)), (18, ["a"]),
                     (17, "a"), (19, 1.5), (5, [b"a\0b"]), (5, 5), (16, "x"), (4, 5), (4, "a\0")]:
    args = base()
    args[index] = value
    call(*args)

gc.enable()
func = lambda: None
for args, exe_list, cwd, env_list in (
    (123, [b"exe"], None, [b"env"]),
    ([b"arg"], 123, None, [b"env"]),
    ([b"arg"], [b"exe"], 123, [b"env"]),
    ([b"arg"], [b"exe"], None, 123),
):
    call(args, exe_list, True, (), cwd, env_list, -1, -1, -1, -1, 1, 2, 3, 4, True, True, 0,
         False, [], 0, -1, func, False)
    print(gc.isenabled())

# A real call, reading the error pipe as subprocess.py does.
def run(argv, exe_list, cwd=None, preexec=None, close_fds=True):
    errpipe_read, errpipe_write = os.pipe()
    c2pread, c2pwrite = os.pipe()
    pid = _posixsubprocess.fork_exec(argv, exe_list, close_fds, (errpipe_write,), cwd, None,
                                     -1, -1, c2pread, c2pwrite, -1, -1, errpipe_read, errpipe_write,
                                     True, False, -1, None, None, None, -1, preexec, True)
    os.close(errpipe_write)
    os.close(c2pwrite)
    err = b""
    while chunk := os.read(errpipe_read, 1000):
        err += chunk
    os.close(errpipe_read)
    out = b""
    while chunk := os.read(c2pread, 1000):
        out += chunk
    os.close(c2pread)
    status = os.waitpid(pid, 0)[1]
    print(err, out, os.waitstatus_to_exitcode(status))

run([b"echo", "str arg", os.fsencode("bytes arg")], [b"/nonexistent/echo", b"/bin/echo"])
run(["x"], [b"/nonexistent/a", b"/nonexistent/b"])
run(["x"], [b"/etc/passwd", b"/nonexistent/b"])
run(["x"], [b"/nonexistent/a", b"/etc"])
run(["pwd"], [b"/bin/pwd"], cwd="/nonexistent")
run(["pwd"], [b"/bin/pwd"], cwd=b"/usr")
run(["echo"], [b"/bin/echo"], preexec=lambda: 1 / 0)
run(("echo", "from a tuple"), [b"/bin/echo"], preexec=lambda: os.write(1, b"preexec\n"))
run(iter(["echo", "from an iterator"]), [b"/bin/echo"], close_fds=False)
