"""The interactive interpreter under a pseudo-terminal, against CPython's.

Each case types the same keystrokes into `python3 -q` and `taipan -q`
(typed lines, Tab, bracketed paste, Ctrl-C, Ctrl-D, the arrow keys), each in
a pty with TERM=xterm, PYTHONSTARTUP unset and HOME a fresh directory (so
`~/.python_history` is the session's own), and compares what a user sees:
both outputs go through a terminal emulator (pyte) and the screens after
every keystroke step must be equal, as must the exit statuses (and the
history files, where a case says so).

    python3 tests/repl_pty.py --taipan target/ci/taipan [-k NAME] [-v]

Known differences (not tested here):
- Editing commands beyond those exercised here are rustyline's, not GNU
  readline's: incremental search (Ctrl-R) draws its own prompt, the kill ring
  and word motions differ in details, ~/.inputrc is not read, vi mode is not
  offered, and a Tab that lists matches while the input spans several rows
  near the bottom of the screen may redraw the input a row off.
- With -i, CPython imports readline before running the script, so input()
  in the script reads through readline (and its lines then keep
  ~/.python_history from being loaded); Taipan's line editor starts with the
  interactive loop.
- After output that left a line unfinished (`print('abc', end='')`), the
  prompt follows it on the same line in both; when a completion list is then
  drawn, readline redraws the prompt alone (`>>> s`) where Taipan's line
  editor redraws the whole line (`abc>>> s`), because the unfinished text is
  part of the prompt it was given. Output written around the standard streams
  (os.write) is not known to the prompt at all.
"""
import argparse
import concurrent.futures
import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time

try:
    import pyte
except ImportError:  # pragma: no cover
    sys.exit("tests/repl_pty.py needs pyte (python3 -m pip install pyte)")

COLS, ROWS = 80, 60
UP = "\x1b[A"
DOWN = "\x1b[B"
CTRL_C = "\x03"
CTRL_D = "\x04"
TAB = "\t"


def paste(text):
    """Bracketed paste, as a terminal sends it."""
    return "\x1b[200~" + text + "\x1b[201~"


class Wait:
    """A pause (seconds) between keystrokes."""

    def __init__(self, seconds):
        self.seconds = seconds


SCRIPT = """\
x = 42
def greet(name):
    return 'hello ' + name
class Box:
    def __init__(self):
        self.items = [1, 2]
    def total(self):
        return sum(self.items)
box = Box()
"""

STARTUP = """\
started = 'yes'
print('startup ran', __name__)
"""

FAILING_SCRIPT = """\
y = 7
def broken():
    return 1 / 0
broken()
"""

# (name, extra arguments, keystrokes, options)
CASES = [
    ("complete_names", [], ["pri" + TAB, "'hi')\r", "impo" + TAB, "\x15", "glo" + TAB, TAB, TAB,
                            "\x15", "fin" + TAB, "\x15", "Tr" + TAB, "\x15", "tr" + TAB, "\x15",
                            "isinst" + TAB, "\x15", "zzz" + TAB, "\x15", "wh" + TAB, "\x15", CTRL_D], {}),
    ("complete_globals", [], ["counter = 1\r", "def compute(): return 7\r", "\r", "class Thing: pass\r", "\r",
                              "co" + TAB, TAB, TAB, "\x15", "comp" + TAB, "\r", "Thi" + TAB, "\r",
                              "lambda_value = 3\r", "lam" + TAB, TAB, TAB, "\x15", CTRL_D], {}),
    ("complete_attributes", [], ["x = 5\r", "x.re" + TAB, "\r", "x.bit_l" + TAB, "\r", "x." + TAB, TAB,
                                 "\x15", "class C:\r", "    alpha = 1\r", "    _hidden = 2\r",
                                 "    def method(self, a): return a\r", "    @property\r",
                                 "    def boom(self): raise RuntimeError('evaluated')\r", "\r",
                                 "c = C()\r", "c." + TAB, TAB, "\x15", "c._" + TAB, TAB, "\x15",
                                 "c.bo" + TAB, "\r", "c.me" + TAB, "1)\r", "c.al" + TAB, "\r",
                                 "[].app" + TAB, "\x15", "nosuch.x" + TAB, "\x15", CTRL_D], {}),
    ("complete_dunder_list", [], ["class D: pass\r", "\r", "D.__c" + TAB, TAB, "\x15", "D.__s" + TAB, TAB,
                                  "\x15", CTRL_D], {}),
    ("complete_columns", [], [
        "class M: pass\r", "\r", "for i in range(120): setattr(M, 'attr%03d' % i, i)\r", "\r",
        "M.a" + TAB, TAB, TAB, "\x15", "class W: pass\r", "\r",
        "for c in 'abcdefg': setattr(W, c * 16, 1)\r", "\r", "W." + TAB, TAB, "\x15",
        "class V: pass\r", "\r", "for c in 'abcdefg': setattr(V, c * 17, 1)\r", "\r", "V." + TAB, TAB, "\x15",
        CTRL_D], {}),
    ("complete_call_parens", [], [
        "class NoInit: pass\r", "\r", "class WithInit:\r", "    def __init__(self): pass\r", "\r",
        "class WithArgs:\r", "    def __init__(self, a): pass\r", "\r", "class Meta(type):\r",
        "    def __call__(cls): pass\r", "\r", "class UsesMeta(metaclass=Meta): pass\r", "\r",
        "class CallMe:\r", "    def __call__(self): pass\r", "\r", "cm = CallMe()\r", "def nofunc(): pass\r", "\r",
        "def argfunc(a): pass\r", "\r", "def varfunc(*a): pass\r", "\r", "class K(int): pass\r", "\r",
        "class L(list): pass\r", "\r"] + [word + TAB + "\x15" for word in (
            "NoIn", "WithI", "WithA", "UsesM", "cm", "nofu", "argf", "varf", "K", "L", "glob", "loc", "copyr",
            "cred", "lic", "exi", "qui", "obj", "int", "lis", "dic", "ran", "Exception", "ValueE", "KeyboardI",
            "len", "sorted", "vars", "dir", "breakpo", "anex", "BaseExceptionG", "NotImplementedE", "propert",
            "staticm", "memoryv", "bytearr", "frozens", "typ", "super", "zip", "__import", "__build_c")] +
        [CTRL_D], {}),
    ("tab_indents", [], ["if True:\r", TAB + "print('in block')\r", "\r", "for i in range(2):\r",
                         TAB + "if i:\r", TAB + TAB + "print(i)\r", "\r", "x = " + TAB + "1\r", "x\r",
                         CTRL_D], {}),
    ("multiline_blocks", [], ["def fact(n):\r", "    if n <= 1:\r", "        return 1\r",
                              "    return n * fact(n - 1)\r", "\r", "fact(10)\r", "for i in range(3):\r",
                              "    print(i, end=' ')\r", "\r", "while False:\r", "    pass\r", "else:\r",
                              "    print('else')\r", "\r", "class A:\r", "    x = 1\r", "\r", "    y = 2\r",
                              "A.x\r", "(1,\r", "2,\r", "3)\r", "'''multi\r", "line'''\r", "1 + \\\r", "2\r",
                              CTRL_D], {}),
    ("if_else_lines", [], ["if 0: print(1)\r", "else: print(2)\r", "\r", "if 1: print('a')\r",
                           "print('b')\r", "x = 1; y = 2\r", "x + y\r", "try: 1/0\r",
                           "except ZeroDivisionError: print('caught')\r", "\r", CTRL_D], {}),
    ("indentation_errors", [], ["if 1:\r", "print(1)\r", "def f():\r", "return 2\r", "  x = 1\r",
                                "if 1:\r", "    a = 1\r", "  b = 2\r", "for i in []:\r", "    pass\r",
                                "      y\r", CTRL_D], {}),
    ("bracketed_paste", [], [paste("def f(n):\n    return n * 2\n"), "\r", "f(21)\r",
                             paste("x = 1\ny = 2\n"), "\r", "x\r", paste("for i in range(2):\n    print(i)\n\nprint('after')\n"), "\r",
                             paste("print('one line')"), "\r", paste("if True:\n    print('no newline')"), "\r",
                             "\r", paste("def g():\n    return 1\n\n    return 2\n"), "\r",
                             paste("z = [1,\n     2]"), "\r", "z\r", CTRL_D], {}),
    ("plain_paste", [], ["x = 1\ry = 2\rdef g():\r    return x + y\r\rg()\rfor i in range(2):\r"
                         "    print(i)\r\rprint('done')\r", CTRL_D], {}),
    ("ctrl_c_prompt", [], ["abc", CTRL_C, "if 1:\r", "    x", CTRL_C, "print('still here')\r", CTRL_C,
                           "1 + 1\r", CTRL_D], {}),
    ("ctrl_c_running", [], ["while True: pass\r", "\r", Wait(0.8), CTRL_C, "print('alive')\r",
                            "try:\r", "    while True: pass\r",
                            "except KeyboardInterrupt:\r", "    print('caught')\r", "\r", Wait(0.8), CTRL_C,
                            "1\r", CTRL_D], {}),
    ("ctrl_c_last_statement", [], ["while True: pass\r", "\r", Wait(0.8), CTRL_C, CTRL_D], {}),
    ("script_inspect", ["-i", "{script}"], ["x\r", "greet('you')\r", "box.total()\r", "box.it" + TAB, "\r",
                                            "__name__\r", "'__file__' in dir()\r", CTRL_D], {}),
    ("script_inspect_error", ["-i", "{failing}"], ["y\r", "broken\r", CTRL_D], {}),
    ("command_inspect", ["-i", "-c", "a = 'from -c'"], ["a\r", "import sys; sys.argv\r", CTRL_D], {}),
    ("tracebacks", [], ["1/0\r", "undefined_name\r", "def inner():\r", "    return {}['key']\r", "\r",
                        "def outer():\r", "    return inner()\r", "\r", "outer()\r",
                        "try:\r", "    1/0\r", "except Exception as e:\r", "    raise ValueError('wrapped') from e\r",
                        "\r", "x = (1, 2\r", ")\r", "x = )\r", "print(sys.last_type)\r", "import sys\r",
                        "sys.last_type\r", "len = 5\r", "del len\r", "len\r", CTRL_D], {}),
    ("displayhook", [], ["5\r", "_ + 1\r", "_\r", "None\r", "_\r", "'text'\r", "[1, 2]\r", "x = 3\r", "_\r",
                         "import sys\r", "sys.displayhook = lambda v: print('shown:', v)\r", "7\r", "None\r",
                         "sys.ps1 = 'py> '\r", "sys.ps2 = '  | '\r", "if 1:\r", "pass\r", "\r", CTRL_D], {}),
    ("exit_status", [], ["import sys\r", "sys.exit(3)\r"], {}),
    ("exit_builtin", [], ["exit(5)\r"], {}),
    ("unicode_and_editing", [], ["s = 'h\u00e9llo \u65e5\u672c'\r", "s\r", "len(s)\r", "prnt(1)" + "\x1b[D" * 4 + "i\r",
                                 "x = '" + "a" * 100 + "'\r", "len(x)\r", "\u00e9t\u00e9 = 3\r", "\u00e9t" + TAB + "\r",
                                 "'abc\r", "'''\r", "x\r", "'''\r", CTRL_D], {}),
    ("input_builtin", [], ["name = input('name? ')\r", "Ada\r", "name\r", "input()\r", "\r",
                           "input('> ')\r", CTRL_D, "input()\r", "abc", CTRL_C, "print('x', end=''); input('y')\r",
                           "typed\r", UP + UP + UP, "\x15", "input('tab: ')\r", "pri" + TAB + "\r", CTRL_D], {}),
    ("startup_file", [], ["started\r", "import sys\r", "sys.ps1\r", CTRL_D], {"env": {"PYTHONSTARTUP": "{startup}"}}),
    ("no_site", ["-S"], ["x = 1\r", "x\r", "pri" + TAB + "nt(2)\r", "if 1:\r", "  y = 3\r", "\r", UP, "\r", CTRL_D],
     {"history": True}),
    ("isolated", ["-I"], ["x = 1\r", "x\r", "pri" + TAB + "nt(2)\r", UP, "\r", CTRL_D], {"history": True}),
    ("isolated_no_site", ["-I", "-S"], ["x = 1\r", "x\r", "pri" + TAB + "nt(2)\r", CTRL_C, CTRL_D], {}),
    ("history_session1", [], ["a = 1\r", "a = 1\r", "b = a + 1\r", "if b:\r", "    print(b)\r", "\r",
                              paste("def h():\n    return 'pasted'\n"), "\r", UP, UP, "\x15", CTRL_D],
     {"history": True}),
]

# Cases that run in the HOME of an earlier one (history across sessions).
FOLLOW_UPS = {
    "history_session2": ("history_session1", [], [UP, "\r", UP, UP, UP, "\r", "b\r", UP + UP + DOWN, "\r", CTRL_D],
                         {"history": True}),
}


def make_env(home, extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(HOME=home, TERM="xterm", LANG="C.UTF-8", LC_ALL="C.UTF-8", COLUMNS=str(COLS), LINES=str(ROWS))
    env.update(extra)
    return env


def run_session(argv, steps, home, extra_env, settle=0.3, limit=15.0):
    """Type `steps` into `argv` under a pty; the screen after each step and
    the exit status."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=make_env(home, extra_env),
                            start_new_session=True, cwd=home,
                            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
    os.close(slave)
    out = bytearray()

    def drain(quiet):
        """Read until nothing came for `quiet` seconds."""
        last = time.monotonic()
        start = last
        while True:
            r, _, _ = select.select([master], [], [], 0.02)
            if r:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    return
                if not data:
                    return
                out.extend(data)
                last = time.monotonic()
            elif time.monotonic() - last > quiet or time.monotonic() - start > limit:
                return

    screens = []
    drain(1.0)
    for step in steps:
        if isinstance(step, Wait):
            time.sleep(step.seconds)
            continue
        os.write(master, step.encode())
        drain(settle)
        screens.append(render(bytes(out)))
    try:
        status = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        status = "hung"
        proc.wait()
    drain(0.1)
    os.close(master)
    screens.append(render(bytes(out)))
    return screens, status


ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def render(data):
    screen = pyte.Screen(COLS, ROWS)
    stream = pyte.ByteStream(screen)
    stream.feed(data)
    lines = [line.rstrip() for line in screen.display]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(ADDRESS.sub(" at 0x...", line) for line in lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--taipan", required=True)
    ap.add_argument("-k", help="run the cases whose name contains this")
    ap.add_argument("-v", action="store_true", help="show both screens of failing cases")
    opts = ap.parse_args()
    taipan = os.path.abspath(opts.taipan)
    failures = []
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        startup = os.path.join(tmp, "startup.py")
        with open(startup, "w") as f:
            f.write(STARTUP)
        script = os.path.join(tmp, "script.py")
        failing = os.path.join(tmp, "failing.py")
        with open(script, "w") as f:
            f.write(SCRIPT)
        with open(failing, "w") as f:
            f.write(FAILING_SCRIPT)
        homes = {}
        cases = [(name, None, args, steps, o) for name, args, steps, o in CASES]
        cases += [(name, prev, args, steps, o) for name, (prev, args, steps, o) in FOLLOW_UPS.items()]
        for name, prev, args, steps, case_opts in cases:
            if opts.k and opts.k not in name and not (prev and opts.k in prev):
                continue
            count += 1
            args = [a.replace("{script}", script).replace("{failing}", failing) for a in args]
            extra_env = {k: v.replace("{startup}", startup) for k, v in case_opts.get("env", {}).items()}

            def session(label, exe):
                key = (prev or name, label)
                home = homes.get(key)
                if home is None:
                    home = homes[key] = tempfile.mkdtemp(dir=tmp)
                screens, status = run_session([exe, "-q"] + args, steps, home, extra_env)
                history = None
                if case_opts.get("history"):
                    try:
                        with open(os.path.join(home, ".python_history"), encoding="utf-8") as f:
                            history = f.read()
                    except OSError:
                        history = "<no history file>"
                return screens, status, history

            # Both sessions at once: each only waits for its output to settle.
            with concurrent.futures.ThreadPoolExecutor(2) as pool:
                futures = [pool.submit(session, label, exe)
                           for label, exe in (("python3", sys.executable), ("taipan", taipan))]
                results = [f.result() for f in futures]
            if results[0] != results[1]:
                failures.append(name)
                print("DIFFERENT:", name)
                (screens1, st1, h1), (screens2, st2, h2) = results
                if st1 != st2:
                    print("  exit status: python3 %s, taipan %s" % (st1, st2))
                if h1 != h2:
                    print("  history: python3 %r\n           taipan  %r" % (h1, h2))
                # The first step after which the screens differ.
                step = next((i for i, (a, b) in enumerate(zip(screens1, screens2)) if a != b), None)
                if step is not None:
                    s1, s2 = screens1[step], screens2[step]
                    keys = [k for k in steps if not isinstance(k, Wait)]
                    print("  after step %d (%r):" % (step, keys[step] if step < len(keys) else "exit"))
                    if opts.v:
                        print("--- python3 screen\n%s\n--- taipan screen\n%s\n---" % (s1, s2))
                    else:
                        import difflib
                        for line in difflib.unified_diff(s1.splitlines(), s2.splitlines(), "python3", "taipan",
                                                         lineterm="", n=1):
                            print("  " + line)
    print("REPL under a pty: %d/%d sessions look as CPython's" % (count - len(failures), count))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
