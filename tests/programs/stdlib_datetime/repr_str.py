# repr/str/isoformat of every type, class attributes, subclasses.
import datetime
from datetime import date, time, datetime as dt, timedelta, timezone, tzinfo, MINYEAR, MAXYEAR

print(datetime.datetime.__module__, type(datetime.timedelta(1)).__name__, MINYEAR, MAXYEAR)
for td in [timedelta(0), timedelta(1), timedelta(-1), timedelta(seconds=1), timedelta(microseconds=-1),
           timedelta(days=2, hours=3, minutes=4, seconds=5, microseconds=6), timedelta.min, timedelta.max,
           timedelta.resolution, timedelta(weeks=1.5, milliseconds=2.25)]:
    print(repr(td), str(td), td.days, td.seconds, td.microseconds, td.total_seconds(), bool(td))
for d in [date(1, 1, 1), date(2020, 2, 29), date.max, date.min]:
    print(repr(d), str(d), d.isoformat(), d.ctime(), d.toordinal(), d.weekday(), d.isoweekday(), d.isocalendar())
for t in [time(), time(1, 2), time(1, 2, 3), time(1, 2, 3, 4), time(23, 59, 59, 999999, fold=1),
          time(5, tzinfo=timezone.utc), time(5, 6, 7, 8, timezone(timedelta(hours=-5, minutes=-30), 'X'))]:
    print(repr(t), str(t), t.isoformat(), t.isoformat('hours'), t.isoformat('milliseconds'), t.utcoffset(), t.tzname())
for d in [dt(2020, 1, 2), dt(2020, 1, 2, 3, 4, 5), dt(2020, 1, 2, 3, 4, 5, 6), dt.min, dt.max,
          dt(2000, 1, 1, fold=1), dt(2000, 1, 1, tzinfo=timezone(timedelta(seconds=5, microseconds=7)))]:
    print(repr(d), str(d), d.isoformat(), d.isoformat(' ', 'minutes'), d.ctime(), d.utcoffset(), d.tzname(), d.dst())
for tz in [timezone.utc, timezone.min, timezone.max, timezone(timedelta(0)), timezone(timedelta(0), 'Z'),
           timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=1), 'minus one')]:
    print(repr(tz), str(tz), tz.tzname(None), tz.utcoffset(None), tz.dst(None), tz == timezone.utc, tz is timezone.utc)
print(datetime.UTC is timezone.utc, date.resolution, time.min, time.max, time.resolution)


class D(date):
    pass


class DT(dt):
    def __new__(cls, *args, **kw):
        self = super().__new__(cls, *args, **kw)
        self.extra = 1
        return self


class TD(timedelta):
    pass


print(repr(D(2020, 1, 1)), repr(DT(2020, 1, 1, 12)), repr(TD(1)), type(D(2020, 1, 1) + timedelta(1)).__name__)
r = DT(2020, 1, 1) + timedelta(hours=1)
print(type(r).__name__, r.extra, type(TD(1) + TD(2)).__name__, type(-TD(1)).__name__)
print(type(DT.fromisoformat('2020-01-01T00:00')).__name__, type(D.fromordinal(1000)).__name__, type(DT.now()).__name__)
print(type(DT(2020, 1, 1).replace(year=2021)).__name__, type(DT.combine(date(2020, 1, 1), time(1))).__name__)
print(format(dt(2020, 1, 2, 3, 4), ''), format(dt(2020, 1, 2, 3, 4), '%Y/%m'), f'{date(2020, 1, 2):%d.%m.%Y}')
print(date(2020, 1, 1).isocalendar().year, date(2020, 1, 1).isocalendar().week, date(2020, 1, 1).isocalendar().weekday)
