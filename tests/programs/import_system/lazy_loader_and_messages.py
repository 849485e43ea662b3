# importlib.util.LazyLoader (a module's __class__ changes to a ModuleType
# subclass), circular-import AttributeError messages, relative imports
# resolved from __spec__.parent and the ImportWarning fallbacks, import *
# with a non-str key, and `from x import y` when sys.modules holds a non-module.
import importlib.util
import os
import shutil
import sys
import tempfile
import warnings

root = tempfile.mkdtemp()
sys.path.insert(0, root)
files = {
    "lazymod.py": "print('lazymod executed')\nVALUE = 7\n",
    "circ_a.py": "import circ_b\nA = 1\n",
    "circ_b.py": "import circ_a\ntry:\n    circ_a.A\nexcept AttributeError as e:\n    print('b saw:', e)\n",
    "cpkg/__init__.py": "from . import sub\n",
    "cpkg/sub.py": "import cpkg\ntry:\n    cpkg.sub\nexcept AttributeError as e:\n    print('sub saw:', e)\n",
    "rel/__init__.py": "",
    "rel/target.py": "NAME = 'rel.target'\n",
}
for name, text in files.items():
    path = os.path.join(root, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)

spec = importlib.util.find_spec("lazymod")
loader = importlib.util.LazyLoader(spec.loader)
spec.loader = loader
module = importlib.util.module_from_spec(spec)
sys.modules["lazymod"] = module
loader.exec_module(module)
print("before access:", type(module).__name__)
print("value:", module.VALUE, type(module).__name__)

import circ_a
import cpkg

class FakeSpec:
    def __init__(self, parent):
        self.parent = parent

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    m = __import__("target", {"__spec__": FakeSpec("rel")}, fromlist=["NAME"], level=1)
    print("from __spec__.parent:", m.NAME)
    m = __import__("target", {"__package__": "rel", "__spec__": FakeSpec("other")}, fromlist=["NAME"], level=1)
    print("__package__ wins:", m.NAME)
    m = __import__("target", {"__name__": "rel.x"}, fromlist=["NAME"], level=1)
    print("from __name__:", m.NAME)
for w in caught:
    print(w.category.__name__, w.message)
for globals_ in [{}, {"__package__": 3}, {"__spec__": FakeSpec(3)}, {"__name__": "top"}]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            __import__("x", globals_, level=1)
    except (KeyError, TypeError, ImportError) as e:
        print(type(e).__name__, e)

star = type(sys)("star")
star.__dict__[b"bytes"] = 1
sys.modules["star"] = star
try:
    exec("from star import *", {})
except TypeError as e:
    print(e)

class NotAModule:
    __name__ = "rel"
    __path__ = []
sys.modules["fake_mod"] = NotAModule()
try:
    exec("from fake_mod import missing", {})
except ImportError as e:
    print(e)

shutil.rmtree(root)
