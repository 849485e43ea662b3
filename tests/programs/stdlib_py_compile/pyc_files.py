# .pyc files end to end: `-m compileall`, `-m py_compile`, PEP 552 hash-based
# pycs (checked and unchecked, --check-hash-based-pycs), a .pyc run as the
# script, a directory and a zip file run as the script (their __main__).
import compileall, importlib.util, os, py_compile, shutil, subprocess, sys, zipfile

BASE = "/tmp/taipan_stdlib_py_compile_pyc_files"
TAG = sys.implementation.cache_tag
shutil.rmtree(BASE, ignore_errors=True)
os.makedirs(os.path.join(BASE, "pkg"))
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def write(rel, text):
    with open(os.path.join(BASE, rel), "w") as f:
        f.write(text)


def run(*args):
    p = subprocess.run([sys.executable, *args], cwd=BASE, env=ENV, capture_output=True, text=True)
    err = [l.replace(BASE, "BASE").replace(sys.executable, "EXE") for l in p.stderr.strip().splitlines()[-1:]]
    print("  rc", p.returncode, "out", p.stdout.strip().replace(BASE, "BASE").splitlines(), "err", err)


def pycache(rel):
    d = os.path.join(BASE, rel, "__pycache__")
    return sorted(n.replace(TAG, "TAG") for n in os.listdir(d)) if os.path.isdir(d) else []


def flags(pyc):
    with open(pyc, "rb") as f:
        header = f.read(16)
    return int.from_bytes(header[4:8], "little"), header[:4] == importlib.util.MAGIC_NUMBER


print("magic", len(importlib.util.MAGIC_NUMBER), importlib.util.MAGIC_NUMBER.endswith(b"\r\n"))
print("source_hash", len(importlib.util.source_hash(b"x = 1\n")))

write("pkg/__init__.py", "")
write("pkg/mod.py", "VALUE = 1\nprint('mod', VALUE)\n")
write("pkg/bad.py", "def f(:\n")
print("compileall -q pkg")
run("-m", "compileall", "-q", "pkg")
print(" ", pycache("pkg"))
print("compileall again (nothing to do)")
run("-m", "compileall", "-q", "pkg")
os.remove(os.path.join(BASE, "pkg/bad.py"))

mod_pyc = importlib.util.cache_from_source(os.path.join(BASE, "pkg/mod.py"))
print("timestamp pyc flags", flags(mod_pyc))
print("run the .pyc itself")
run(mod_pyc)

# Checked hash-based: a changed source is noticed (and the pyc rewritten).
py_compile.compile(os.path.join(BASE, "pkg/mod.py"), invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
print("checked-hash flags", flags(mod_pyc))
run("-c", "import pkg.mod")
write("pkg/mod.py", "VALUE = 2\nprint('mod', VALUE)\n")
run("-c", "import pkg.mod")
print("  after the change", flags(mod_pyc))

# Unchecked hash-based: the pyc is trusted, unless --check-hash-based-pycs always.
py_compile.compile(os.path.join(BASE, "pkg/mod.py"), invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
print("unchecked-hash flags", flags(mod_pyc))
write("pkg/mod.py", "VALUE = 3\nprint('mod', VALUE)\n")
run("-c", "import pkg.mod")
run("--check-hash-based-pycs", "always", "-c", "import pkg.mod")
run("--check-hash-based-pycs", "never", "-c", "import pkg.mod")

print("py_compile command line")
write("single.py", "print('single')\n")
run("-m", "py_compile", "single.py")
print(" ", pycache("."))
print("compileall --invalidation-mode checked-hash -f")
run("-m", "compileall", "-q", "-f", "--invalidation-mode", "checked-hash", "pkg")
print("  flags", flags(importlib.util.cache_from_source(os.path.join(BASE, "pkg/__init__.py"))))

print("a directory with __main__.py")
os.makedirs(os.path.join(BASE, "app"))
write("app/__main__.py", "import sys\nprint('main of', __name__, sys.argv[1:], __spec__.name)\n")
run("app", "x")
print("a zip file with __main__.py")
with zipfile.ZipFile(os.path.join(BASE, "app.zip"), "w") as z:
    z.writestr("__main__.py", "import helper\nprint('zip main', helper.X)\n")
    z.writestr("helper.py", "X = 42\n")
run("app.zip")
print("a directory without __main__.py")
os.makedirs(os.path.join(BASE, "empty"))
run("empty")

print("a __pycache__ that cannot be made (a file is in the way): the module runs, nothing is written")
os.makedirs(os.path.join(BASE, "ro"))
write("ro/romod.py", "print('romod ran')\n")
write("ro/__pycache__", "not a directory")
run("-c", "import sys; sys.path.insert(0, 'ro'); import romod")
run("-c", "import sys; sys.path.insert(0, 'ro'); import romod")
print("  still a file:", os.path.isfile(os.path.join(BASE, "ro/__pycache__")))

shutil.rmtree(BASE)
