# A meta-path finder and loader that import modules from a dict of sources.
import importlib.abc
import importlib.util
import sys

SOURCES = {
    "virt": "VALUE = 42\ndef hello():\n    return 'hello from ' + __name__\n",
    "virtpkg": "from . import child\nNAME = 'pkg'\n",
    "virtpkg.child": "import virt\nfrom . import __name__ as parent\nDOUBLE = virt.VALUE * 2\n",
    "broken": "raise RuntimeError('broken module body')\n",
}


class DictFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname not in SOURCES:
            return None
        is_pkg = fullname + ".child" in SOURCES
        return importlib.util.spec_from_loader(fullname, DictLoader(), is_package=is_pkg)


class DictLoader(importlib.abc.Loader):
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        exec(compile(SOURCES[module.__name__], "<dict:%s>" % module.__name__, "exec"), module.__dict__)


sys.meta_path.append(DictFinder())

import virt
print(virt.VALUE, virt.hello(), type(virt.__loader__).__name__, virt.__spec__.name)
import virtpkg
print(virtpkg.NAME, virtpkg.child.DOUBLE, virtpkg.__path__, virtpkg.__package__)
from virtpkg.child import DOUBLE
print(DOUBLE)
try:
    import broken
except RuntimeError as e:
    print("RuntimeError:", e, "broken" in sys.modules)
try:
    import notthere_at_all
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name, e.path)
print(importlib.import_module("virtpkg.child").DOUBLE)
