# ZoneInfo's caches, no_cache, from_file, clear_cache, subclasses, pickling.
import io, pickle, copy, weakref, gc
from datetime import datetime
from _zoneinfo import ZoneInfo

a = ZoneInfo("Europe/Paris")
print(a is ZoneInfo("Europe/Paris"), a is ZoneInfo.no_cache("Europe/Paris"))
print(repr(a), str(a), a.key)
ZoneInfo.clear_cache(only_keys=["Europe/Paris"])
b = ZoneInfo("Europe/Paris")
print(a is b, a == b)
ZoneInfo.clear_cache()
print(ZoneInfo("Europe/Paris") is b)
print(hasattr(ZoneInfo, "_weak_cache"))
try:
    ZoneInfo.clear_cache("x")
except TypeError as e:
    print("TypeError", e)

class Sub(ZoneInfo):
    pass
s = Sub("Europe/Paris")
print(type(s).__name__, repr(s), s is Sub("Europe/Paris"), s is ZoneInfo("Europe/Paris"))
print(type(Sub._weak_cache).__name__, "_weak_cache" in Sub.__dict__)
s.extra = 1
print(s.extra)
try:
    a.extra = 1
except AttributeError as e:
    print("AttributeError", e)
try:
    a.key = "x"
except AttributeError as e:
    print("AttributeError")
r = weakref.ref(ZoneInfo.no_cache("UTC"))
gc.collect()
print(r())

with open("/usr/share/zoneinfo/America/Chicago", "rb") as f:
    data = f.read()
z = ZoneInfo.from_file(io.BytesIO(data), key="Chicago")
print(repr(z), str(z), z.utcoffset(datetime(2020, 7, 1)))
z2 = ZoneInfo.from_file(io.BytesIO(data))
print(repr(z2).startswith("zoneinfo.ZoneInfo.from_file(<_io.BytesIO object"), z2.key)
try:
    pickle.dumps(z)
except pickle.PicklingError as e:
    print("PicklingError", e)
try:
    ZoneInfo.from_file(io.BytesIO(b"not a tzif file"))
except ValueError as e:
    print("ValueError", e)

for zone in (ZoneInfo("Asia/Tokyo"), ZoneInfo.no_cache("Asia/Tokyo")):
    print(zone.__reduce__()[1])
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(zone, proto))
        print(proto, back is ZoneInfo("Asia/Tokyo"), back.key)
print(copy.copy(a) is a, copy.deepcopy(a) is a)
print(ZoneInfo._unpickle("Asia/Tokyo", 1) is ZoneInfo("Asia/Tokyo"), ZoneInfo._unpickle("Asia/Tokyo", 0) is ZoneInfo("Asia/Tokyo"))

# The strong cache keeps the 8 most recently used zones alive.
ZoneInfo.clear_cache()
keys = ["Europe/Berlin", "Europe/Rome", "Europe/Madrid", "Europe/Oslo", "Europe/Vienna",
        "Europe/Prague", "Europe/Warsaw", "Europe/Athens", "Europe/Helsinki", "Europe/Lisbon"]
refs = [weakref.ref(ZoneInfo(k)) for k in keys[:8]]
print([r() is not None for r in refs])
ZoneInfo(keys[0])           # touched: moves to the front
ZoneInfo(keys[8]); ZoneInfo(keys[9])
print([r() is not None for r in refs])
ZoneInfo.clear_cache(only_keys=[keys[0]])
print([r() is not None for r in refs])
class Sub2(ZoneInfo):
    pass
r = weakref.ref(Sub2("Europe/Berlin"))
print(r())
