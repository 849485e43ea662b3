# A fatal signal's report ends with "Extension modules: ... (total: N)":
# the native modules of sys.modules not in sys.stdlib_module_names (none
# by default, so no line; every one once the names are emptied).
import re
import subprocess
import sys

CODE = """
import faulthandler
import sys
%s
faulthandler.enable()
faulthandler._sigsegv()
"""

for setup in ("", "sys.stdlib_module_names = frozenset()",
              "sys.stdlib_module_names = frozenset(sys.builtin_module_names) - {'sys'}"):
    p = subprocess.run([sys.executable, "-c", CODE % setup], capture_output=True, text=True)
    m = re.search(r"^Extension modules: (.*) \(total: ([0-9]+)\)$", p.stderr, re.MULTILINE)
    print(p.returncode, "Fatal Python error: Segmentation fault" in p.stderr, bool(m))
    if m:
        names = m.group(1).split(", ")
        print(names[:1], "faulthandler" in names, int(m.group(2)) == len(names), p.stderr.endswith(")\n"))
