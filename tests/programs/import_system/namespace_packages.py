# PEP 420 namespace packages spread over two path entries.
import os
import sys
import tempfile

roots = [tempfile.mkdtemp(), tempfile.mkdtemp()]
for i, root in enumerate(roots):
    os.makedirs(os.path.join(root, "nspkg", "inner"))
    with open(os.path.join(root, "nspkg", "mod%d.py" % i), "w") as f:
        f.write("WHO = %d\n" % i)
    with open(os.path.join(root, "nspkg", "inner", "deep%d.py" % i), "w") as f:
        f.write("from .. import mod%d as m\nDEEP = m.WHO * 10\n" % i)
    sys.path.insert(0, root)

import nspkg.mod0
import nspkg.mod1
from nspkg.inner import deep0, deep1
print(nspkg.mod0.WHO, nspkg.mod1.WHO, deep0.DEEP, deep1.DEEP)
print(type(nspkg.__path__).__name__, sorted(p.replace(roots[0], "R0").replace(roots[1], "R1") for p in nspkg.__path__))
print(nspkg.__file__, nspkg.__spec__.origin, nspkg.__spec__.loader is None or type(nspkg.__spec__.loader).__name__)
print(repr(nspkg).split(" (")[0])
