# ResourceWarning: an os.scandir iterator collected before it was exhausted or closed
import gc
import os
import warnings

DIR = "/tmp/taipan_memory_resource_warning_scandir"
os.makedirs(DIR, exist_ok=True)
for name in ("a", "b", "c"):
    open(os.path.join(DIR, name), "w").close()


def collected(label, make):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        it = make()
        del it
        gc.collect()
    print(label, [(w.category.__name__, str(w.message).split(" object at ")[0]) for w in caught])


def started():
    it = os.scandir(DIR)
    next(it)
    return it


def exhausted():
    it = os.scandir(DIR)
    list(it)
    return it


def closed():
    it = os.scandir(DIR)
    it.close()
    return it


def with_block():
    with os.scandir(DIR) as it:
        next(it)
    return it


collected("started:", started)
collected("fresh:", lambda: os.scandir(DIR))
collected("exhausted:", exhausted)
collected("closed:", closed)
collected("with:", with_block)
for name in ("a", "b", "c"):
    os.remove(os.path.join(DIR, name))
os.rmdir(DIR)
