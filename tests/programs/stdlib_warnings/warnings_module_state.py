# _warnings keeps the last filters, onceregistry and defaultaction it read
# from the warnings module, so deleting them there changes nothing; the
# source line of warn_explicit(module_globals=...) is the loader's source
# split by str.splitlines itself.
import sys
import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("error", "", Warning, "", 0)
    try:
        warnings.warn("convert to error")
    except UserWarning as e:
        print("UserWarning:", e)
    saved = warnings.filters
    del warnings.filters
    try:
        warnings.warn("still an error")
    except UserWarning as e:
        print("UserWarning:", e)
    warnings.filters = saved

message = UserWarning("once only")
with warnings.catch_warnings(record=True) as w:
    warnings.resetwarnings()
    warnings.filterwarnings("once", category=UserWarning)
    warnings.warn_explicit(message, UserWarning, "file", 42)
    warnings.warn_explicit(message, UserWarning, "file", 42)
    print(len(w))
    original = warnings.onceregistry
    warnings.onceregistry = {}
    warnings.warn_explicit(message, UserWarning, "file", 42)
    print(len(w))
    del warnings.onceregistry
    warnings.warn_explicit(message, UserWarning, "file", 42)
    print(len(w))
    warnings.onceregistry = original

class BadLoader:
    def __init__(self, result):
        self.result = result
    def get_source(self, fullname):
        result = self.result
        class BadSource(str):
            def splitlines(self):
                return result
        return BadSource("spam\neggs")

sys.stderr = sys.stdout
with warnings.catch_warnings():
    warnings.filterwarnings("default", category=UserWarning)
    show = warnings._showwarnmsg
    del warnings._showwarnmsg
    for result, line in ((42, 1), ([42], 2)):
        warnings.warn_explicit("text %d" % line, UserWarning, "bar", line,
                               module_globals={"__loader__": BadLoader(result), "__name__": "foobar"})
    warnings._showwarnmsg = show
