# Constructor and method errors with their messages; timestamps and
# their rounding; tzinfo validation.
from datetime import date, time, datetime as dt, timedelta, timezone, tzinfo


def attempt(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__, e)


for f in [lambda: date(2020), lambda: date(2020, 1, 1, 1), lambda: date(2020.0, 1, 1), lambda: date(2**40, 1, 1),
          lambda: date(-2**40, 1, 1), lambda: date(2020, 1, 1, foo=1), lambda: date(0, 1, 1), lambda: date(2020, 13, 1),
          lambda: date(2020, 2, 30), lambda: dt(2020, 1, 1, 24), lambda: dt(2020, 1, 1, 0, 60),
          lambda: dt(2020, 1, 1, 0, 0, 60), lambda: dt(2020, 1, 1, 0, 0, 0, 10**6), lambda: dt(2020, 1, 1, fold=2),
          lambda: dt(2020, 1, 1, 0, 0, 0, 0, None, 1), lambda: dt(2020, 1, 1, tzinfo=1), lambda: time(tzinfo='x'),
          lambda: time(-1), lambda: time(fold=-1), lambda: dt(year=2020, month=1), lambda: dt(2020, 1, 1, year=3),
          lambda: timezone(5), lambda: timezone(timedelta(0), 5), lambda: timezone(timedelta(1)),
          lambda: timezone(-timedelta(1)), lambda: timezone(timedelta(0), None), lambda: timezone.utc.utcoffset(5),
          lambda: timezone.utc.fromutc(dt(2020, 1, 1)), lambda: timezone.utc.fromutc(5), lambda: tzinfo().utcoffset(None),
          lambda: tzinfo().tzname(None), lambda: tzinfo().dst(None), lambda: date.fromordinal(0),
          lambda: date.fromordinal(3652060), lambda: date(1, 1, 1).replace(year=0), lambda: time(1).replace(fold=3),
          lambda: dt(2020, 1, 1).astimezone(5), lambda: dt.now(5), lambda: dt.fromtimestamp('1'),
          lambda: dt.utcfromtimestamp(float('nan')), lambda: dt.utcfromtimestamp(1e20), lambda: dt.utcfromtimestamp(1e18),
          lambda: dt.utcfromtimestamp(-62135596801), lambda: dt.utcfromtimestamp(253402300800),
          lambda: date.fromtimestamp(1e20), lambda: timedelta(1) / timedelta(0)]:
    attempt(f)

for ts in [0, 1, -1, 1.5, -1.5, 0.0000005, 0.0000015, 0.0000025, -0.0000005, 1e-7, 0.9999995, 1234567890.123456789,
           -0.9999999, 2**31, 1.0000005]:
    print(ts, repr(dt.utcfromtimestamp(ts)), repr(dt.fromtimestamp(ts, timezone.utc)))
print(dt(1970, 1, 1, tzinfo=timezone.utc).timestamp(), dt(2020, 1, 1, 0, 0, 0, 1, tzinfo=timezone.utc).timestamp())
print(dt.max.replace(tzinfo=timezone.utc).timestamp(), dt.min.replace(tzinfo=timezone.utc).timestamp())


class Bad(tzinfo):
    def __init__(self, off):
        self.off = off

    def utcoffset(self, d):
        return self.off

    def tzname(self, d):
        return self.off

    def dst(self, d):
        return self.off


for off in [timedelta(hours=24), timedelta(hours=-24), 5, 'x', timedelta(hours=23, minutes=59, microseconds=999999)]:
    x = dt(2020, 1, 1, tzinfo=Bad(off))
    attempt(lambda: x.utcoffset())
    attempt(lambda: x.dst())
    attempt(lambda: x.tzname())
    attempt(lambda: x.isoformat())
    attempt(lambda: time(tzinfo=Bad(off)).utcoffset())
