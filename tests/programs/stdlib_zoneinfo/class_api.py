# The ZoneInfo class as C defines it: members, class methods, subclasses with
# keywords, datetime subclasses, what pickling a subclass gives.
import pickle, datetime
from _zoneinfo import ZoneInfo
import _zoneinfo

print(_zoneinfo.__doc__, sorted(n for n in dir(_zoneinfo) if not n.startswith("__")))
print(ZoneInfo.__dict__["key"], ZoneInfo.__doc__, ZoneInfo.__name__, ZoneInfo.__qualname__)
print(sorted(k for k in ZoneInfo.__dict__ if not k.startswith("__")))
print(ZoneInfo._unpickle.__self__, ZoneInfo.no_cache.__self__)
try:
    ZoneInfo("UTC").key = "x"
except AttributeError as e:
    print("AttributeError", e)
try:
    del ZoneInfo("UTC").key
except AttributeError as e:
    print("AttributeError", e)

class S(ZoneInfo, x=1):
    pass
print(S("UTC"), type(S._weak_cache).__name__, S("UTC") is S("UTC"))
print(pickle.loads(pickle.dumps(S("UTC"))) is S("UTC"))
class T(S):
    def __repr__(self):
        return "T!" + super().__repr__()
t = T("Asia/Tokyo")
print(repr(t), str(t), T._weak_cache is S._weak_cache)

class D(datetime.datetime):
    pass
z = ZoneInfo("America/Sao_Paulo")
d = D(2018, 11, 4, 0, 30, tzinfo=z)
print(d.utcoffset(), d.tzname(), d.dst())
back = z.fromutc(D(2019, 2, 17, 2, 30, tzinfo=z))
print(type(back).__name__, back, back.fold)
print(isinstance(z, datetime.tzinfo), issubclass(ZoneInfo, datetime.tzinfo))
