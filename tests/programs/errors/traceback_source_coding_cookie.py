# A traceback shows a source line decoded with the codec its file's coding
# cookie names (only a cookie in the first two lines counts).
import os
import subprocess
import sys
import tempfile

cases = [
    ("# coding: iso-8859-1\n", "h\xe9 ho", "iso-8859-1"),
    ("#!shebang\n# coding: GBK\n", "\u4e02\u5100", "GBK"),
    (" \t\f\n# coding: utf-8\n", "h\xe9 ho", "utf-8"),
    ("x=0\n# coding: GBK\n", "h\xe9 ho", "utf-8"),
]
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "enc.py")
    for first, message, charset in cases:
        with open(path, "w", encoding=charset) as f:
            f.write("%sif 1:\n    raise RuntimeError('%s')\n" % (first, message))
        p = subprocess.run([sys.executable, path], capture_output=True)
        lines = p.stderr.decode("utf-8", "backslashreplace").splitlines()
        print(charset, p.returncode, lines[1].replace(path, "enc.py"))
        print(lines[2:])
