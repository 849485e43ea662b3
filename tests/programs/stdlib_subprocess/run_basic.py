# subprocess.run / check_output / check_call / call: pipes, input, text mode,
# env, cwd, shell, return codes and CalledProcessError.
import os
import subprocess
import sys

r = subprocess.run(["/bin/echo", "hello", "world"], capture_output=True)
print(r)
print(type(r.stdout), r.stdout, r.stderr, r.returncode)

print(subprocess.check_output(["/bin/sh", "-c", "echo out; echo err >&2"], stderr=subprocess.STDOUT))
print(subprocess.check_output(["/bin/sh", "-c", "echo out; echo err >&2"], stderr=subprocess.DEVNULL))
print(subprocess.check_output("echo $((6 * 7))", shell=True))
print(subprocess.check_output(["/bin/cat"], input=b"fed through stdin\n"))
print(repr(subprocess.check_output(["/bin/cat"], input="text in\nand out\n", text=True)))
print(repr(subprocess.check_output(["/bin/echo", "héllo"], encoding="utf-8")))
print(repr(subprocess.check_output(["/bin/sh", "-c", "printf 'a\\r\\nb\\rc\\n'"], universal_newlines=True)))
print(repr(subprocess.check_output(["/bin/sh", "-c", "printf '\\377x'"], encoding="ascii", errors="replace")))

# return codes
for code in (0, 1, 3, 255):
    print("exit", code, subprocess.call(["/bin/sh", "-c", "exit %d" % code]))
print("killed", subprocess.call(["/bin/sh", "-c", "kill -9 $$"]))
print("terminated", subprocess.run(["/bin/sh", "-c", "kill -TERM $$"]).returncode)
print(subprocess.check_call(["/bin/true"]))

try:
    subprocess.check_call(["/bin/sh", "-c", "exit 4"])
except subprocess.CalledProcessError as e:
    print("CalledProcessError:", e, e.returncode, e.cmd, e.output, e.stdout, e.stderr)
try:
    subprocess.check_output(["/bin/sh", "-c", "echo partial; echo oops >&2; exit 2"], stderr=subprocess.PIPE)
except subprocess.CalledProcessError as e:
    print("CalledProcessError:", e, e.output, e.stderr)
try:
    subprocess.run(["/bin/sh", "-c", "kill -9 $$"], check=True)
except subprocess.CalledProcessError as e:
    print("CalledProcessError:", e)
r = subprocess.run(["/bin/sh", "-c", "exit 5"])
try:
    r.check_returncode()
except subprocess.CalledProcessError as e:
    print("check_returncode:", e)
print(subprocess.getstatusoutput("echo status; exit 3"))
print(subprocess.getoutput("echo output"))

# env and cwd
env = {"ONLY": "this", "PATH": "/bin:/usr/bin"}
print(subprocess.run(["/bin/sh", "-c", "echo $ONLY; env | grep -c ."], env=env, capture_output=True, text=True).stdout)
print(subprocess.run(["/bin/sh", "-c", "echo ${HOME-unset}"], env={}, capture_output=True).stdout)
print(subprocess.run(["/bin/sh", "-c", "echo $X"], env={b"X": b"bytes env"}, capture_output=True).stdout)
print(subprocess.run(["pwd"], cwd="/usr", capture_output=True, text=True).stdout.strip())
print(subprocess.run(["pwd"], cwd=b"/", capture_output=True, text=True).stdout.strip())

# PATH search with env, executable=, bytes args, PathLike args
import pathlib
print(subprocess.run(["echo", "found on PATH"], env={"PATH": "/nonexistent:/bin"}, capture_output=True).stdout)
print(subprocess.run(["ignored-name", "-c", "echo $0"], executable="/bin/sh", capture_output=True).stdout)
print(subprocess.run([b"/bin/echo", b"bytes", "mixed"], capture_output=True).stdout)
print(subprocess.run([pathlib.Path("/bin/echo"), pathlib.PurePosixPath("a/b")], capture_output=True).stdout)
print(subprocess.run("/bin/echo single string", shell=True, capture_output=True).stdout)
print(subprocess.run(["echo $0 $1", "zero", "one"], shell=True, capture_output=True).stdout)

# sys.executable running an inline script (works whichever interpreter runs this)
r = subprocess.run([sys.executable, "-c", "import sys; print(sum(range(10))); sys.exit(7)"], capture_output=True)
print(r.stdout, r.returncode)
out = subprocess.check_output(
    [sys.executable, "-c", "import sys; data = sys.stdin.read(); sys.stdout.write(data.upper())"],
    input="lower case\n",
    text=True,
)
print(repr(out))
