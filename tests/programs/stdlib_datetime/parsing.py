# fromisoformat variants (3.11 grammar), strftime, strptime, fromisocalendar.
from datetime import date, time, datetime as dt, timedelta, timezone


def attempt(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__, e)


for s in ['2020-01-02', '20200102', '2020-W01', '2020W01', '2020-W01-3', '2020W013', '2020-W53-1', '2021-W53-1',
          '2020-1-02', '2020-01-0', '20200102xx', '2020/01/02', '', '2020-13-01', '2020-02-30', 5]:
    print('date', repr(s), end=' -> ')
    attempt(lambda: date.fromisoformat(s))
for s in ['2020-01-02T03:04:05', '2020-01-02 03:04', '2020-01-02T03', '2020-01-02T0304', '20200102T030405',
          '2020-01-02T03:04:05.1', '2020-01-02T03:04:05,123456789', '2020-01-02T03:04:05Z', '2020-01-02T03:04:05+01',
          '2020-01-02T03:04:05-0130', '2020-01-02T03:04:05+01:30:15.5', '2020-01-02T03:04:05+24:00',
          '2020-W01-1T10:00', '2020W011T10', '2020-01-02T03:04:05Zx', '2020-01-02T25:00', '2020-01-02T03:04:05.',
          '2020-01-02\u00e903:04', '2020-01-02T03:04:05+', '2020-01-02T', '2020-01', '2020-01-02T03:4']:
    print('datetime', repr(s), end=' -> ')
    attempt(lambda: dt.fromisoformat(s))
for s in ['03:04', 'T03:04:05', '030405', '03:04:05.000001Z', '03:04:05-05:00', '24:00', '03:04:05 ', 'T']:
    print('time', repr(s), end=' -> ')
    attempt(lambda: time.fromisoformat(s))
for args in [(2020, 1, 1), (2020, 53, 7), (2021, 53, 1), (2020, 0, 1), (2020, 1, 8), (0, 1, 1), (10000, 1, 1),
             (9999, 52, 7), (2019, 1, 2**33)]:
    print('isocal', args, end=' -> ')
    attempt(lambda: date.fromisocalendar(*args))
x = dt(2021, 3, 4, 5, 6, 7, 89, tzinfo=timezone(timedelta(hours=-3, minutes=-30), 'A%B'))
for f in ['%Y-%m-%d %H:%M:%S.%f', '%z|%Z|%%z|%%Z|%', '%a %b %j %U %w %y', '%%f %f', '']:
    print(repr(f), repr(x.strftime(f)), repr(x.replace(tzinfo=None).strftime(f)), repr(x.time().strftime(f)),
          repr(x.date().strftime(f)))
print(dt.strptime('2021-03-04 05:06:07.000089 +0100', '%Y-%m-%d %H:%M:%S.%f %z'))
print(repr(dt.strptime('04/03/21', '%d/%m/%y')))
attempt(lambda: dt.strptime('x', '%Y'))
attempt(lambda: dt.strptime(1, '%Y'))
attempt(lambda: x.strftime(1))
attempt(lambda: x.isoformat(timespec='nanoseconds'))
attempt(lambda: x.isoformat('ab'))
print(x.isoformat('\u00e9'), x.isoformat(timespec='hours'), x.isoformat(timespec='milliseconds'))
