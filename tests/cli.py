"""The command line against CPython's: the same invocations of `python3` and
of Taipan give the same stdout, stderr and exit status.

    python3 tests/cli.py --taipan target/ci/taipan
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

SCRIPT = "import sys\nprint(sys.argv, __name__, __debug__)\nprint(sys.flags.optimize, sys.flags.dont_write_bytecode, sys.flags.isolated)\n"

LOCALE_PROBE = (
    "import locale, os, sys\n"
    "print(os.environ.get('LC_CTYPE'), locale.setlocale(locale.LC_CTYPE), sys.flags.utf8_mode)"
)

ENCODING_PROBE = (
    "import io, locale, os, sys\n"
    "print(sys.flags.utf8_mode, sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())\n"
    "with open(os.devnull) as f: print(f.encoding, io.TextIOWrapper(io.BytesIO()).encoding)\n"
    "print(sys.stdin.encoding, sys.stdin.errors, sys.stdout.encoding, sys.stdout.errors, sys.stderr.errors)\n"
    "print(locale.getpreferredencoding(), locale.getpreferredencoding(False), locale.getencoding())\n"
    "print(ascii(sys.argv[1:]))"
)

# The start-up encodings (PEP 538 and 540) over the locales this machine
# has (C, POSIX, C.UTF-8; en_US.UTF-8 is not installed: it falls back to C),
# the UTF-8 Mode's switches, PYTHONCOERCECLOCALE and PYTHONIOENCODING.
ENCODING_ENVS = [
    {"LC_ALL": "C"},
    {"LC_ALL": "POSIX", "PYTHONCOERCECLOCALE": "0"},
    {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "warn"},
    {"LC_ALL": "C.UTF-8"},
    {"LC_ALL": "en_US.UTF-8"},
    {"LC_ALL": None, "LC_CTYPE": "C", "LANG": None},
    {"LC_ALL": None, "LC_CTYPE": "C", "LANG": None, "PYTHONCOERCECLOCALE": "0"},
    {"LC_ALL": None, "LC_CTYPE": None, "LANG": None, "PYTHONCOERCECLOCALE": "warn"},
    {"LC_ALL": "C", "PYTHONUTF8": "0"},
    {"LC_ALL": "C", "PYTHONUTF8": "1", "PYTHONIOENCODING": "latin-1"},
    {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ":replace"},
    {"LC_ALL": "C.UTF-8", "PYTHONUTF8": "1"},
    {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "ascii:backslashreplace"},
]
ENCODING_CASES = [
    (xopt + ["-c", ENCODING_PROBE, "caf\xe9"], None,
     {"env": {"PYTHONIOENCODING": None, "PYTHONUTF8": None, "PYTHONCOERCECLOCALE": None, **env}})
    for env in ENCODING_ENVS
    for xopt in ([], ["-X", "utf8=0"], ["-X", "utf8"])
]

CASES = [
    # (arguments after the interpreter, stdin)
    (["-c", "print('hi'); import sys; print(sys.argv)", "a", "b"], None),
    (["-c", "raise SystemExit(3)"], None),
    (["-c", "import sys; sys.exit('bye')"], None),
    (["-c", "import sys; sys.exit(None)"], None),
    (["-c", "1/0"], None),
    (["-c", "x ="], None),
    (["-O", "-c", "assert False, 'no'; print(__debug__)"], None),
    (["-OO", "-c", "def f():\n    'doc'\nprint(f.__doc__, __debug__)"], None),
    (["-B", "-c", "import sys; print(sys.dont_write_bytecode)"], None),
    (["-I", "-c", "import sys; print(sys.flags.isolated, sys.flags.ignore_environment)"], None),
    (["-E", "-u", "-c", "import sys; print(sys.flags.ignore_environment)"], None),
    (["-X", "dev", "-c", "print('x-option accepted')"], None),
    (["-W", "error", "-c", "print('warning options accepted')"], None),
    (["-"], "print('from stdin')\nimport sys\nprint(sys.argv)\n"),
    (["-", "arg1"], "import sys\nprint(sys.argv)\n"),
    ([], "print(6 * 7)\n"),
    (["{script}", "x", "--flag"], None),
    (["-O", "{script}"], None),
    (["-c", "print(input('prompt> '))"], "typed line\n"),
    (["-c", "input()"], ""),
    (["-c", "import sys; print(sys.stdin.read().upper(), end='')"], "two\nlines\n"),
    (["-q", "-c", "pass"], None),
    # Usage errors: CPython's messages, usage line and status 2.
    (["-Z"], None),
    (["-c"], None),
    (["--foo"], None),
    (["--help-foo"], None),
    (["-W"], None),
    (["-X"], None),
    (["-bW"], None),
    (["-J"], None),
    (["--check-hash-based-pycs"], None),
    (["--check-hash-based-pycs", "sometimes", "-c", "pass"], None),
    (["--check-hash-based-pycs", "always", "-c", "print('ok')"], None),
    (["-V", "-Z"], None),
    (["-Z", "-V"], None),
    (["-Z", "-h"], None),
    # Help and version.
    (["-h"], None),
    (["--help"], None),
    (["-?"], None),
    (["-h", "-Z"], None),
    (["-Vh"], None),
    (["--help-env"], None),
    (["--help-xoptions"], None),
    (["--help-all"], None),
    (["-V"], None),
    (["--version"], None),
    (["-V", "-c", "pass"], None),
    (["-c", "import sys; print(sys.argv)", "-V"], None),
    (["-VV"], None, {"version_shape": True}),
    (["-V", "--version"], None, {"version_shape": True}),
    # The PYTHON* variables, for -c as for every mode, and their checks.
    (["-c", "print(hash('a'), hash(b'a'))"], None, {"env": {"PYTHONHASHSEED": "0"}}),
    (["-c", "print(hash('abc'))"], None, {"env": {"PYTHONHASHSEED": "4294967295"}}),
    (["-c", "import sys; print(sys.flags.hash_randomization)"], None, {"env": {"PYTHONHASHSEED": "random"}}),
    (["-c", "import sys; print(sys.flags.hash_randomization)"], None, {"env": {"PYTHONHASHSEED": " +7"}}),
    (["-c", "pass"], None, {"env": {"PYTHONHASHSEED": "4294967296"}}),
    (["-c", "pass"], None, {"env": {"PYTHONHASHSEED": "-1"}}),
    (["-c", "pass"], None, {"env": {"PYTHONHASHSEED": "abc"}}),
    (["-c", "pass"], None, {"env": {"PYTHONHASHSEED": "5 "}}),
    (["-E", "-c", "print('ignored')"], None, {"env": {"PYTHONHASHSEED": "abc"}}),
    (["-R", "-c", "import sys; print(sys.flags.hash_randomization)"], None, {"env": {"PYTHONHASHSEED": "abc"}}),
    (["-Z"], None, {"env": {"PYTHONHASHSEED": "abc"}}),
    (["-V"], None, {"env": {"PYTHONHASHSEED": "abc"}}),
    (["-c", "import sys; print(sys.flags.int_max_str_digits, sys.get_int_max_str_digits())"], None,
     {"env": {"PYTHONINTMAXSTRDIGITS": "640"}}),
    (["-c", "import sys; print(sys.flags.int_max_str_digits); print(len(str(10 ** 5000)))"], None,
     {"env": {"PYTHONINTMAXSTRDIGITS": "0"}}),
    (["-c", "print(int('1' * 700))"], None, {"env": {"PYTHONINTMAXSTRDIGITS": "640"}}),
    (["-c", "pass"], None, {"env": {"PYTHONINTMAXSTRDIGITS": "639"}}),
    (["-c", "pass"], None, {"env": {"PYTHONINTMAXSTRDIGITS": "abc"}}),
    (["-c", "pass"], None, {"env": {"PYTHONINTMAXSTRDIGITS": "99999999999999999999"}}),
    (["-c", "pass"], None, {"env": {"PYTHONINTMAXSTRDIGITS": "5", "PYTHONHASHSEED": "abc"}}),
    (["-X", "int_max_str_digits=700", "-c", "import sys; print(sys.flags.int_max_str_digits, sys._xoptions)"], None),
    (["-X", "int_max_str_digits=", "-c", "import sys; print(sys.flags.int_max_str_digits)"], None),
    (["-X", "int_max_str_digits=900", "-c", "import sys; print(sys.flags.int_max_str_digits)"], None,
     {"env": {"PYTHONINTMAXSTRDIGITS": "800"}}),
    (["-X", "int_max_str_digits=5", "-c", "pass"], None),
    (["-X", "int_max_str_digits", "-c", "pass"], None),
    (["-X", "int_max_str_digits=7_00", "-c", "pass"], None),
    (["-c", "import sys; print(sys.flags.optimize, __debug__)\ndef f():\n    'doc'\nprint(f.__doc__)"], None,
     {"env": {"PYTHONOPTIMIZE": "2"}}),
    (["-c", "import sys; print(sys.flags.optimize)"], None, {"env": {"PYTHONOPTIMIZE": "x"}}),
    (["-OO", "-c", "import sys; print(sys.flags.optimize)"], None, {"env": {"PYTHONOPTIMIZE": "1"}}),
    (["-OOO", "-c", "import sys; print(sys.flags.optimize)"], None),
    (["-c", "import sys; print(sys.flags.dont_write_bytecode, sys.dont_write_bytecode)"], None,
     {"env": {"PYTHONDONTWRITEBYTECODE": "1"}}),
    (["-c", "import sys; print(sys.flags.dont_write_bytecode, sys.dont_write_bytecode)"], None,
     {"env": {"PYTHONDONTWRITEBYTECODE": "0"}}),
    (["-c", "import sys; print(type(sys.stdout.buffer).__name__, sys.stdout.write_through)"], None,
     {"env": {"PYTHONUNBUFFERED": "1"}}),
    (["-c", "import sys; print(type(sys.stdout.buffer).__name__, sys.stdout.write_through)"], None,
     {"env": {"PYTHONUNBUFFERED": "0"}}),
    (["-E", "-c", "import sys; print(type(sys.stdout.buffer).__name__, sys.stdout.write_through)"], None,
     {"env": {"PYTHONUNBUFFERED": "1"}}),
    (["-c", "import sys; print(sys.warnoptions)"], None, {"env": {"PYTHONWARNINGS": "error,,ignore::DeprecationWarning"}}),
    (["-W", "default", "-c", "import sys; print(sys.warnoptions)"], None, {"env": {"PYTHONWARNINGS": "error"}}),
    (["-E", "-c", "import sys; print(sys.warnoptions, sys.flags.optimize)"], None,
     {"env": {"PYTHONWARNINGS": "error", "PYTHONOPTIMIZE": "1"}}),
    (["-c", "import sys; print(sys.flags.verbose, sys.flags.debug, sys.flags.inspect, sys.flags.interactive)"], None,
     {"env": {"PYTHONDEBUG": "1"}}),
    (["-d", "-s", "-c", "import sys; print(sys.flags.debug, sys.flags.no_user_site)"], None),
    (["-P", "-c", "import sys; print(sys.flags.safe_path, sys.path[0] != '')"], None),
    (["-c", "import sys; print(sys.flags.inspect, sys.flags.interactive)"], None, {"env": {"PYTHONINSPECT": "1"}}),
    (["-c", "x = 1"], "print(x)\n", {"env": {"PYTHONINSPECT": "1"}}),
    (["-c", "import sys; print(sys.flags.int_max_str_digits)", "-X", "int_max_str_digits=700"], None),
    (["-t", "-c", "print('t ignored')"], None),
    # Arguments and environment values that are not UTF-8 come through
    # surrogateescape'd (subprocess encodes these str arguments to b'\xff').
    (["-c", "import os, sys; print(ascii(sys.argv), [os.fsencode(a) for a in sys.argv[1:]])", "\udcff", "a\udce9b"], None),
    (["-m", "script", "x\udcff"], None, {"env": {"PYTHONPATH": "{scriptdir}"}}),
    (["-c", "print(ascii('\u00e9\udcff'))"], None),
    (["-Ec", "print('\udcfe')"], None),
    (["-c", "import os; print(ascii(os.environ['TAIPAN_X']), os.environb[b'TAIPAN_X'])"], None,
     {"env": {"TAIPAN_X": "v\udcffw"}}),
    # A script whose path is not UTF-8: argv, __file__, sys.path[0], the
    # traceback's file name and source line, the can't-open message.
    (["{badscript}", "x"], None),
    (["{badscript}missing"], None),
    # The UTF-8 Mode: -X utf8, PYTHONUTF8, the C and POSIX locales.
    (["-X", "utf8", "-c", "import sys, locale; print(sys.flags.utf8_mode, locale.getpreferredencoding())"], None),
    (["-X", "utf8=0", "-c", "import sys; print(sys.flags.utf8_mode)"], None, {"env": {"LC_ALL": "C"}}),
    (["-c", "import sys; print(sys.flags.utf8_mode)"], None, {"env": {"LC_ALL": "POSIX"}}),
    (["-c", "import sys; print(sys.flags.utf8_mode)"], None, {"env": {"LC_ALL": None, "LC_CTYPE": None, "LANG": "C.UTF-8"}}),
    (["-c", "import sys; print(sys.flags.utf8_mode)"], None, {"env": {"PYTHONUTF8": "1"}}),
    (["-E", "-c", "import sys; print(sys.flags.utf8_mode)"], None, {"env": {"PYTHONUTF8": "1", "LC_ALL": "C.UTF-8"}}),
    (["-X", "utf8=2", "-c", "pass"], None),
    # PEP 538: a C or POSIX LC_CTYPE is coerced to C.UTF-8 (and exported)
    # unless LC_ALL is set or PYTHONCOERCECLOCALE=0; the process LC_CTYPE
    # comes from the environment.
    (["-c", LOCALE_PROBE], None, {"env": {"LC_ALL": None, "LC_CTYPE": None, "LANG": "C"}}),
    (["-X", "utf8=0", "-c", LOCALE_PROBE], None, {"env": {"LC_ALL": None, "LC_CTYPE": None, "LANG": "C"}}),
    (["-I", "-c", LOCALE_PROBE], None, {"env": {"LC_ALL": None, "LC_CTYPE": "POSIX", "LANG": None}}),
    (["-c", LOCALE_PROBE], None,
     {"env": {"LC_ALL": None, "LC_CTYPE": None, "LANG": "C", "PYTHONCOERCECLOCALE": "0"}}),
    (["-c", LOCALE_PROBE], None,
     {"env": {"LC_ALL": None, "LC_CTYPE": None, "LANG": "C", "PYTHONCOERCECLOCALE": "warn"}}),
    (["-c", LOCALE_PROBE], None, {"env": {"LC_ALL": "C", "PYTHONCOERCECLOCALE": None}}),
    (["-c", LOCALE_PROBE], None, {"env": {"LC_ALL": None, "LC_CTYPE": None, "LANG": "C.UTF-8"}}),
    (["-c", "pass"], None, {"env": {"PYTHONUTF8": "x"}}),
    # -W error makes the compiler's warnings SyntaxErrors at their token or node.
    (["-W", "error", "-c", "x = 1\ny = '\\d'"], None),
    (["-W", "error::DeprecationWarning", "-c", "x = 1\ny = b'a\\q'"], None),
    (["-W", "error", "-c", "print(1 is 1)"], None),
    (["-W", "error", "-c", "x = 0x1for"], None),
    (["-c", "import warnings\nwarnings.simplefilter('error')\ntry:\n    compile('s = \"\\\\d\"', 'f', 'exec')\n"
      "except SyntaxError as e:\n    print(repr(e), e.args)"], None),
    # -i: after -c, a script or stdin the interactive loop reads stdin even
    # when it is not a terminal, with its prompts on stderr.
    (["-i", "-c", "x = 1"], "print(x)\n"),
    (["-i", "-c", "1/0"], "print('after')\n"),
    (["-i", "-c", "raise SystemExit(3)"], "print('after')\n"),
    (["-i", "-c", "import sys; sys.exit('bye')"], "print('after')\n"),
    (["-i", "{script}", "arg"], "print(__name__, '__file__' in globals(), sys.argv)\n"),
    (["-i", "-c", "x = 2"], "print(x)\nraise SystemExit(5)\nprint('never')\n"),
    (["-i"], "x = 5\nx\nprint('end')"),
    (["-i", "-q"], ""),
    (["-ii", "-c", "import sys; print(sys.flags.inspect, sys.flags.interactive)"], ""),
    (["-i", "-c", "import sys; print(sys.flags.inspect, sys.flags.interactive)"], ""),
    (["-i", "-q"], "print(1)\n", {"env": {"PYTHONSTARTUP": "{script}"}}),
    (["-i", "-q"], "print(1)\n", {"env": {"PYTHONSTARTUP": "/nonexistent/startup.py"}}),
    (["-i", "-q", "-E"], "print(1)\n", {"env": {"PYTHONSTARTUP": "{script}"}}),
    (["-i", "-q", "-c", "pass"], "print(2)\n", {"env": {"PYTHONSTARTUP": "{script}"}}),
    (["-i", "-q", "-c", "import sys; sys.ps1 = 'A> '; sys.ps2 = 'B> '"], "if 1:\n  pass\n\n"),
    (["-i", "-q", "-c", "import sys; sys.ps1 = 5"], "1\n"),
]

# Statements read by the interactive loop through a pipe (`-q -i`): the
# prompts on stderr show when CPython's tokenizer asks for more input.
INTERACTIVE_INPUTS = [
    "x = 1\nx\n",
    "if 1: print(1)\nelse: print(2)\n",
    "if 1: print(1)\nprint(2)\n",
    "if 1:\nprint(1)\n",
    "if 1:\n  print(1)\n\nprint(2)\n",
    "def f():\n  return 3\n\nf()\n",
    "def f():\n  return 3\nf()\n",
    "for i in range(3):\n  print(i)\n\n",
    "x = (1,\n2,\n3)\nx\n",
    "s = '''a\nb\nc'''\ns\n",
    "x = 1 + \\\n 2\nx\n",
    "   \nx = 3\n",
    "# comment\n1\n",
    "  # indented comment\n2\n",
    "class A:\n  x = 1\n\n  y = 2\n\nA.y\n",
    "try:\n  1/0\nexcept ZeroDivisionError:\n  print('z')\n\n",
    "try:\n  1/0\nfinally:\n  print('f')\n\n",
    "while False:\n  pass\nelse:\n  print('e')\n\n",
    "x = 1; y = 2\nx + y\n",
    "1 +\n",
    "print(1\n",
    "x = (\n",
    "if 1:\n  x = 1\n y = 2\n",
    "if 1:\n\tx = 1\n        y = 2\n\n",
    "match 1:\n  case 1: print('one')\n\n",
    "if True:\n    pass\n  \n\n",
    "  x = 1\n",
    "def f(:\n",
    "'''abc\n",
    "x = 5\nx\n_\n_ + 1\n",
    "raise SystemExit(4)\nprint('not reached')\n",
    "1/0\n",
    "def f():\n  1/0\n\nf()\n",
    "x = [1,\n  2,\n\n  3]\nx\n",
    "if 1:\n  if 2:\n    print(3)\n\nprint(4)\n",
    "async def f():\n  await x\n\n",
    "f'{1+\n",
    "x = 1 if 1 else\n",
    "del x\n",
    "from __future__ import annotations\ndef f(x: y): pass\n\nf.__annotations__\n",
    "print('a'); print('b')\n",
    "if 1:\n  pass\nelif 2:\n  pass\nelse:\n  pass\n\n",
    "x = 1\n\n\ny = 2\n",
    "'\\d'\n",
    "\n\n\n",
    "if 1:\n  x = 1\n",
    "(1,\n",
    "for x in []: pass\n",
    "a = 1\n  b = 2\n",
    "if 1:\n  pass\n    x\n",
    "import sys\nsys.displayhook = lambda v: print('shown', v)\n7\nNone\n",
    "import sys\nsys.excepthook = lambda *a: print('hook', a[0].__name__)\n1/0\nsys.last_type\n",
    "x = 1\r\ny = 2\r\nx + y\r\n",
    "1 is 1\n",
    "x = 5\nx is 5\n",
    "assert (1, 'msg')\n",
    "def f():\n  return 1 is 1\n\nf()\n",
    "print(1)\nx = input()\nhello\nprint(repr(x))\n",
    "import sys\nline = sys.stdin.readline()\nnext line\nprint(repr(line))\n",
]
CASES += [(["-q", "-i"], text) for text in INTERACTIVE_INPUTS]
CASES += ENCODING_CASES
# PEP 597: -X warn_default_encoding (any value) and PYTHONWARNDEFAULTENCODING
# (not under -E) make open(), TextIOWrapper() and io.text_encoding() without
# an encoding emit EncodingWarning at the caller's line.
WARN_ENCODING_PROBE = (
    "import io, os, sys\n"
    "print(sys.flags.warn_default_encoding)\n"
    "with open(os.devnull) as f: pass\n"
    "with open(os.devnull, 'rb') as f: pass\n"
    "with open(os.devnull, encoding='locale') as f: pass\n"
    "io.TextIOWrapper(io.BytesIO())\n"
    "def read(encoding=None):\n"
    "    return io.text_encoding(encoding)\n"
    "print(read(), read('latin-1'), io.text_encoding(None, 1))"
)
CASES += [
    (["-X", "warn_default_encoding", "-c", WARN_ENCODING_PROBE], None),
    (["-X", "warn_default_encoding=0", "-c", WARN_ENCODING_PROBE], None),
    (["-c", WARN_ENCODING_PROBE], None, {"env": {"PYTHONWARNDEFAULTENCODING": "1"}}),
    (["-E", "-c", WARN_ENCODING_PROBE], None, {"env": {"PYTHONWARNDEFAULTENCODING": "1"}}),
    (["-c", WARN_ENCODING_PROBE], None, {"env": {"PYTHONWARNDEFAULTENCODING": ""}}),
    (["-X", "warn_default_encoding", "-W", "error", "-c", "open(__import__('os').devnull)"], None),
]
# At exit, modules that only a cycle keeps alive (two modules importing each
# other) are collected with every global still bound, as CPython's
# finalize_modules does; __del__ of their globals runs.
SHUTDOWN_PROBE = (
    "import os, sys, tempfile\n"
    "d = tempfile.mkdtemp()\n"
    "with open(os.path.join(d, 'cyc_b.py'), 'w') as f:\n"
    "    f.write('import cyc_a\\nx = 2\\n')\n"
    "with open(os.path.join(d, 'cyc_a.py'), 'w') as f:\n"
    "    f.write('import cyc_b\\nx = 1\\nclass C:\\n    def __del__(self):\\n'\n"
    "            '        print(\"del\", x, cyc_b.x, len.__name__)\\n_c = C()\\n')\n"
    "sys.path.insert(0, d)\n"
    "import cyc_a\n"
    "import shutil; shutil.rmtree(d)\n"
    "print('end')"
)
CASES += [(["-c", SHUTDOWN_PROBE], None)]
# -X importtime and PYTHONPROFILEIMPORTTIME: which imports run, nested.
IMPORTTIME_PROBE = "import sys; print('go', file=sys.stderr, flush=True); import bisect, heapq, keyword; import nosuchmodule_x"
CASES += [
    (["-S", "-X", "importtime", "-c", IMPORTTIME_PROBE], None, {"importtime": True}),
    (["-S", "-c", IMPORTTIME_PROBE], None, {"importtime": True, "env": {"PYTHONPROFILEIMPORTTIME": "1"}}),
    (["-S", "-E", "-c", IMPORTTIME_PROBE], None, {"importtime": True, "env": {"PYTHONPROFILEIMPORTTIME": "1"}}),
]

# The standard streams (buffering, interleaving of stdout and stderr on one
# pipe, encodings, flushing at exit): (arguments, stdin, options) where the
# options are "env" (variables to set, None to remove), "merge" (stderr into
# stdout), "stdout" (a file to write stdout to) and "shell" (a redirection
# such as "2>/dev/null" appended to the command line). A descriptor 0, 1 or
# 2 closed at start-up makes that stream None.
INTERLEAVE = ("import sys\nprint('out1')\nprint('err1', file=sys.stderr)\nprint('out2')\n"
              "sys.stderr.write('err2\\n')\nprint('out3', flush=True)\nprint('err3', file=sys.stderr)\n"
              "sys.stdout.buffer.write(b'bytes\\n')\nprint('out4')")
BUFFERED = {"PYTHONUNBUFFERED": None}
STREAM_CASES = [
    (["-c", INTERLEAVE], None, {"env": BUFFERED, "merge": True}),
    (["-u", "-c", INTERLEAVE], None, {"env": BUFFERED, "merge": True}),
    (["-c", INTERLEAVE], None, {"env": {"PYTHONUNBUFFERED": "1"}, "merge": True}),
    (["-c", "print('a'); 1/0"], None, {"env": BUFFERED, "merge": True}),
    (["-"], "print('a')\nimport sys\nprint('e', file=sys.stderr)\n1/0\n", {"env": BUFFERED, "merge": True}),
    (["-"], "print('a')\nimport sys\nsys.exit('bye')\n", {"env": BUFFERED, "merge": True}),
    (["-c", "print('a')\nimport sys\nsys.exit('bye')"], None, {"env": BUFFERED, "merge": True}),
    (["-c", "import sys; sys.stdout.reconfigure(line_buffering=True); print('x'); print('y', file=sys.stderr); print('z')"],
     None, {"env": BUFFERED, "merge": True}),
    (["-c", "import sys; sys.stderr.write('e\\n'); print(input('p> ')); print('after')"], "line\n",
     {"env": BUFFERED, "merge": True}),
    (["-c", "print('lost')"], None, {"env": BUFFERED, "stdout": "/dev/full"}),
    (["-u", "-c", "print('lost')"], None, {"env": BUFFERED, "stdout": "/dev/full"}),
    (["-c", "import sys; print([(s.encoding, s.errors) for s in (sys.stdin, sys.stdout, sys.stderr)]); print('\u00e9')"],
     None, {"env": {"PYTHONIOENCODING": "latin-1"}}),
    (["-c", "import sys; print(sys.stdout.encoding)"], None, {"env": {"PYTHONIOENCODING": "UTF8"}}),
    (["-c", "import sys; print(sys.stdout.encoding, sys.stdout.errors); print('\u00e9\u20ac')"], None,
     {"env": {"PYTHONIOENCODING": "ascii:replace"}}),
    (["-c", "import sys; print(sys.stdout.errors, sys.stderr.errors)"], None, {"env": {"PYTHONIOENCODING": ":backslashreplace"}}),
    (["-E", "-c", "import sys; print(sys.stdout.encoding, sys.stdout.errors)"], None,
     {"env": {"PYTHONIOENCODING": "latin-1", "LC_ALL": "C.UTF-8"}}),
    (["-c", "import sys; print(sys.stdout.errors, sys.stdin.errors, sys.stderr.errors)"], None,
     {"env": {"PYTHONIOENCODING": None, "LC_ALL": "C.UTF-8"}}),
    (["-c", "import sys; print('\\udcff')"], None, {"env": {"PYTHONIOENCODING": "utf-8"}, "merge": True}),
    (["-c", "import sys; sys.stderr.write('\\udcff\\n')"], None, {"env": {"PYTHONIOENCODING": "utf-8"}}),
    # Warning options, applied by Lib's warnings at start-up (through _warnings).
    (["-W", "error::DeprecationWarning", "-c", "import warnings; warnings.warn('dep', DeprecationWarning)"], None),
    (["-W", "ignore", "-c", "import warnings; warnings.warn('quiet'); print('done')"], None),
    (["-W", "always::UserWarning", "-c", "import warnings\nfor i in range(2): warnings.warn('twice')"], None),
    (["-b", "-c", "import sys; print(sys.warnoptions); str(b'x')"], None),
    (["-bb", "-c", "str(b'x')"], None),
    (["-X", "dev", "-c", "import sys; print(sys.warnoptions)"], None),
    (["-c", "import sys, warnings; print(len(warnings.filters), 'warnings' in sys.modules)"], None),
    (["-W", "default", "-c", "import sys; print('warnings' in sys.modules)"], None),
    # PYTHONPATH: entries made absolute and normalised, before the standard library.
    (["-S", "-c", "import sys; print(sys.path[1:5])"], None, {"env": {"PYTHONPATH": "a/../b/./c//d/:/x/../y/::"}}),
    (["-c", "import script"], None, {"env": {"PYTHONPATH": "/nonexistent:{scriptdir}"}}),
    (["-E", "-c", "import script"], None, {"env": {"PYTHONPATH": "{scriptdir}"}}),
    (["-I", "-c", "import script"], None, {"env": {"PYTHONPATH": "{scriptdir}"}}),
    # Debugging and tracing tools built on sys.settrace.
    (["-m", "pdb", "{script}", "x"], "n\nn\np sys.argv[1:]\nc\n"),
    (["-m", "trace", "--trace", "{script}"], None),
    (["-m", "trace", "--count", "--summary", "{script}"], None),
    # -m: runpy finds the module or package (pkg/__main__.py) on sys.path.
    (["-m", "script", "a", "--b"], None, {"env": {"PYTHONPATH": "{scriptdir}"}}),
    (["-O", "-m", "script"], None, {"env": {"PYTHONPATH": "{scriptdir}"}}),
    (["-m", "mpkg", "x"], None, {"env": {"PYTHONPATH": "{scriptdir}"}}),
    (["-m", "mpkg.sub"], None, {"env": {"PYTHONPATH": "{scriptdir}"}}),
    (["-m", "mpkg.fails"], None, {"env": {"PYTHONPATH": "{scriptdir}"}}),
    (["-m", "nonexistent_module_xyz"], None),
    (["-m", "mpkg.nonexistent"], None, {"env": {"PYTHONPATH": "{scriptdir}"}}),
    (["-m"], None),
    (["-m", "json.tool"], '{"b": [1, 2], "a": null}'),
    (["-m", "json.tool", "--sort-keys", "--compact"], '{"b": [1, 2], "a": null}'),
    (["-c", "import sys; print(sys.stdout, sys.__stdout__, file=sys.stderr)"], None, {"shell": ">&-"}),
    (["-c", "import sys; print(sys.stdin, sys.__stdin__); print(input('x'))"], None, {"shell": "<&-"}),
    (["-c", "import sys; print(sys.stderr, sys.__stderr__); 1/0"], None, {"shell": "2>&-"}),
    (["-c", "import os, sys; print(sys.stdin, sys.stdout, file=sys.stderr); os.write(2, b'ok\\n')"], None,
     {"shell": "<&- >&-"}),
]

# `._pth` files beside the executable (a symbolic link to it here): each
# content is written as both interpreters' file; the command prints what it
# changes. The directory is shown as D.
PTH_FILES = [
    "{stdlib}\nmods\n",
    "# comment\n{stdlib}\n\n../{dirname}/./mods  # trailing\nimport site\n",
    "{stdlib}\nmods\nimport foo\n",
]
PTH_COMMAND = ("import sys, m; f = sys.flags; print(f.isolated, f.ignore_environment, f.no_site, f.safe_path, "
               "f.no_user_site, 'site' in sys.modules, m.__file__, sys.path)")


def pth_cases(taipan, d):
    """The `._pth` cases: (number of cases, number that differ)."""
    import shutil
    base = os.path.join(d, "pth")
    os.makedirs(os.path.join(base, "mods"))
    with open(os.path.join(base, "mods", "m.py"), "w") as f:
        f.write("")
    stdlib = os.path.dirname(os.__file__)
    failures = 0
    for text in PTH_FILES:
        text = text.replace("{stdlib}", stdlib).replace("{dirname}", "pth")
        results = []
        for name, target in (("python3", os.path.realpath(sys.executable)), ("taipan", taipan)):
            link = os.path.join(base, name)
            if not os.path.lexists(link):
                os.symlink(target, link)
            with open(link + "._pth", "w") as f:
                f.write(text)
            env = {**os.environ, "PYTHONPATH": "/nonexistent"}
            p = subprocess.run([link, "-c", PTH_COMMAND], capture_output=True, timeout=30, env=env, cwd=base)
            results.append(tuple(x.decode("utf-8", "replace").replace(base, "D") for x in (p.stdout, p.stderr))
                           + (p.returncode,))
        if results[0] != results[1]:
            failures += 1
            print("DIFFERENT: ._pth", repr(text))
            print("  python3:", results[0])
            print("  taipan: ", results[1])
    shutil.rmtree(base)
    return len(PTH_FILES), failures

# A package for the -m cases, written beside the script.
MPKG = {
    "mpkg/__init__.py": "print('init', __name__)\n",
    "mpkg/__main__.py": "import sys\nprint('main', __name__, __spec__.name, sys.argv[1:])\nfrom . import sub\n",
    "mpkg/sub.py": "print('sub', __name__, __package__)\n",
    "mpkg/fails.py": "def f():\n    raise ValueError('from -m')\nf()\n",
}


BAD_SCRIPT_NAME = "bad\udcff\udcfe.py"
BAD_SCRIPT = (
    "import os, sys\n"
    "print(ascii(sys.argv), ascii(os.path.basename(__file__)), ascii(__spec__))\n"
    "print(ascii(os.path.basename(__loader__.path)), sys.path[0] == os.path.dirname(__file__))\n"
    "raise ValueError(sys._getframe().f_code.co_filename == __file__)\n"
)


def run(interpreter, args, stdin, script, options=None):
    options = options or {}
    badscript = os.path.join(os.path.dirname(script), BAD_SCRIPT_NAME)
    argv = [interpreter] + [a.replace("{script}", script).replace("{badscript}", badscript) for a in args]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    for k, v in options.get("env", {}).items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v.replace("{scriptdir}", os.path.dirname(script))
    stdout = subprocess.PIPE
    if "stdout" in options:
        stdout = open(options["stdout"], "wb")
    stderr = subprocess.STDOUT if options.get("merge") else subprocess.PIPE
    if "shell" in options:
        import shlex
        argv = ["/bin/sh", "-c", " ".join(shlex.quote(a) for a in argv) + " " + options["shell"]]
    p = subprocess.run(argv, input=(stdin or "").encode(), stdout=stdout, stderr=stderr, timeout=30, env=env)
    if stdout is not subprocess.PIPE:
        stdout.close()
    out = (p.stdout or b"").decode("utf-8", "replace")
    err = (p.stderr or b"").decode("utf-8", "replace")
    return normalize(out, interpreter, options), normalize(err, interpreter, options), p.returncode


BANNER = re.compile(r"^Python 3\.11\.7 \(.*\) \[.*\] on linux$", re.M)
VERSION = re.compile(r"^Python 3\.11\.7 \(.*\) \[.*\]$", re.M)
IMPORT_TIMES = re.compile(r"^import time: +\d+ \| +\d+ \|", re.M)


def normalize(text, interpreter, options):
    """The program's own name (usage lines name it, and Taipan's usage
    errors say `taipan -h' where CPython's say `python -h'); the build
    details of the interactive banner and of -VV, whose shape must be
    CPython's."""
    text = text.replace(interpreter, "PROG").replace("`python -h'", "`PROG -h'")
    text = text.replace("`%s -h'" % os.path.basename(interpreter), "`PROG -h'")
    text = BANNER.sub("Python VERSION on linux", text)
    if options.get("importtime"):
        # What the program imports after its marker, times left out (the
        # header comes with the first import, which start-up may not make).
        text = text[text.find("go\n") + 3:].replace("import time: self [us] | cumulative | imported package\n", "")
        text = IMPORT_TIMES.sub("import time: N | N |", text)
    if options.get("version_shape"):
        text = VERSION.sub("Python VERSION", text)
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--taipan", required=True)
    opts = ap.parse_args()
    taipan = os.path.abspath(opts.taipan)
    failures = 0
    with tempfile.TemporaryDirectory() as d:
        script = os.path.join(d, "script.py")
        with open(script, "w") as f:
            f.write(SCRIPT)
        with open(os.path.join(d, BAD_SCRIPT_NAME), "w") as f:
            f.write(BAD_SCRIPT)
        os.mkdir(os.path.join(d, "mpkg"))
        for name, text in MPKG.items():
            with open(os.path.join(d, name), "w") as f:
                f.write(text)
        for args, stdin, *options in CASES + STREAM_CASES:
            options = options[0] if options else None
            if options and "env" in options:
                options = {**options, "env": {k: v and v.replace("{script}", script)
                                              for k, v in options["env"].items()}}
            expected = run(sys.executable, args, stdin, script, options)
            actual = run(taipan, args, stdin, script, options)
            if expected != actual:
                failures += 1
                print("DIFFERENT:", args, repr(stdin))
                print("  python3:", expected)
                print("  taipan: ", actual)
        pth_total, pth_failures = pth_cases(taipan, d)
    failures += pth_failures
    total = len(CASES) + len(STREAM_CASES) + pth_total
    print("command line: %d/%d invocations match CPython" % (total - failures, total))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
