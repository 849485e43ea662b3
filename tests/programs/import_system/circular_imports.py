# Circular imports: the partially initialised module and CPython's message.
import os
import sys
import tempfile

root = tempfile.mkdtemp()
sys.path.insert(0, root)
files = {
    "cyc_a.py": "import cyc_b\nA = 1\n",
    "cyc_b.py": "import cyc_a\nB = getattr(cyc_a, 'A', 'unset')\n",
    "cyc_c.py": "from cyc_d import D\nC = 3\n",
    "cyc_d.py": "from cyc_c import C\nD = 4\n",
}
for name, text in files.items():
    with open(os.path.join(root, name), "w") as f:
        f.write(text)

import cyc_a
print(cyc_a.A, cyc_a.cyc_b.B)
try:
    import cyc_c
except ImportError as e:
    print(type(e).__name__, str(e).replace(root, "ROOT"))
    print(e.name, e.path.replace(root, "ROOT"))
print("cyc_c" in sys.modules, "cyc_d" in sys.modules)
