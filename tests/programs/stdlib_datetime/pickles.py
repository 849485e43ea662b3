# Pickles as bytes (must match CPython's so they cross), round trips,
# and unpickling of CPython's state strings.
import copy
import pickle
from datetime import date, time, datetime as dt, timedelta, timezone, tzinfo

objs = [date(2020, 1, 2), time(1, 2, 3, 4), time(1, fold=1, tzinfo=timezone.utc), dt(2020, 1, 2, 3, 4, 5, 6),
        dt(2020, 1, 2, fold=1), dt(2020, 1, 2, tzinfo=timezone(timedelta(hours=2), 'x')), timedelta(-1, 2, 3),
        timezone.utc, timezone(timedelta(minutes=-90)), date.max, dt.min, timedelta.max]
for o in objs:
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        b = pickle.dumps(o, proto)
        back = pickle.loads(b)
        print(proto, b.hex(), back == o, repr(back), getattr(back, 'fold', None))
    print(repr(copy.copy(o)), repr(copy.deepcopy(o)), o.__reduce__())
print(dt(2020, 1, 2, fold=1).__reduce_ex__(4), time(1, fold=1).__reduce_ex__(2))
print(repr(dt(b'\x07\xe4\x81\x02\x03\x04\x05\x00\x00\x06')), repr(time(b'\x81\x02\x03\x00\x00\x04', timezone.utc)))
print(repr(date('\x07\xe4\x01\x02')), repr(dt('\x07\xe4\x01\x02\x03\x04\x05\x00\x00\x06')))
try:
    dt(b'\x07\xe4\x01\x02\x03\x04\x05\x00\x00\x06', 5)
except TypeError as e:
    print('TypeError', e)


class Tz(tzinfo):
    def __init__(self, name='n'):
        self.name = name

    def utcoffset(self, d):
        return timedelta(hours=1)

    def dst(self, d):
        return timedelta(0)


t = Tz('zz')
print(t.__reduce__()[0].__name__, t.__reduce__()[1:], pickle.loads(pickle.dumps(t)).name)
print(repr(pickle.loads(pickle.dumps(dt(2020, 1, 1, tzinfo=t))).tzinfo.name))
