# Arithmetic and comparisons, edge cases at MIN/MAX, mixed naive/aware.
from datetime import date, time, datetime as dt, timedelta, timezone


def attempt(f):
    try:
        r = f()
        print(type(r).__name__, repr(r))
    except Exception as e:
        print(type(e).__name__, e)


td = timedelta(days=1, seconds=7, microseconds=3)
for expr in ['td + td', 'td - 2*td', 'td * 2.5', '2.5 * td', 'td / 3', 'td / 0.1', 'td / td', 'td // 7',
             'td // timedelta(seconds=1)', 'td % timedelta(seconds=7)', 'divmod(td, timedelta(hours=5))',
             '-td', '+td', 'abs(-td)', 'td * -1', 'td / -7', 'timedelta(microseconds=1) / 2',
             'timedelta(microseconds=3) / 2', 'timedelta(microseconds=5) * 0.5', 'td // -timedelta(hours=5)',
             'td % -timedelta(hours=5)', 'timedelta.max + timedelta.resolution', 'timedelta.min - timedelta.resolution',
             'timedelta.max * 2', 'td / 0', 'td // 0', 'td / timedelta(0)', 'td % timedelta(0)', 'td * float("nan")',
             'td * float("inf")', 'td + 1', 'td * "x"', 'td < 1', 'td == 1', 'td < td * 2', 'timedelta(hours=24) == timedelta(1)',
             'timedelta(1.5, 0.5, 0.5)', 'timedelta(microseconds=0.5)', 'timedelta(microseconds=1.5)',
             'timedelta(microseconds=-0.5)', 'timedelta(seconds=1e-7)', 'timedelta(days=1e9)', 'timedelta(10**20)',
             'timedelta(days=999999999, hours=24)', 'timedelta("1")', 'timedelta(1, foo=2)']:
    print(expr, end=' -> ')
    attempt(lambda: eval(expr))

d = date(2020, 2, 28)
utc = timezone.utc
plus1 = timezone(timedelta(hours=1))
for expr in ['d + timedelta(1)', 'd + timedelta(2)', 'timedelta(-1) + d', 'd - timedelta(60)', 'd - date(2019, 2, 28)',
             'date.max + timedelta(1)', 'date.min - timedelta(1)', 'd + 1', 'd < date(2020, 3, 1)', 'd == dt(2020, 2, 28)',
             'd < dt(2020, 2, 28)', 'dt(2020, 2, 28) < d', 'dt(2020, 2, 28) == d', 'd + timedelta(hours=25)',
             'dt.max + timedelta(microseconds=1)', 'dt.min - timedelta(microseconds=1)',
             'dt(2020, 1, 1, tzinfo=utc) - dt(2020, 1, 1, tzinfo=plus1)', 'dt(2020, 1, 1) - dt(2020, 1, 1, tzinfo=utc)',
             'dt(2020, 1, 1) == dt(2020, 1, 1, tzinfo=utc)', 'dt(2020, 1, 1) < dt(2020, 1, 1, tzinfo=utc)',
             'dt(2020, 1, 1, 1, tzinfo=plus1) == dt(2020, 1, 1, tzinfo=utc)', 'dt(2020, 1, 1, 23, 59, 59, 999999) + timedelta.resolution',
             'time(1) < time(2)', 'time(1, tzinfo=utc) < time(2)', 'time(1, tzinfo=utc) == time(1)',
             'time(2, tzinfo=plus1) == time(1, tzinfo=utc)', 'time(1) + timedelta(1)', 'time(0) == 0',
             'hash(dt(2020, 1, 1, 1, tzinfo=plus1)) == hash(dt(2020, 1, 1, tzinfo=utc))',
             'hash(dt(2020, 1, 1, fold=1)) == hash(dt(2020, 1, 1))', 'hash(time(2, tzinfo=plus1)) == hash(time(1, tzinfo=utc))',
             'hash(timedelta(1)) == hash(timedelta(hours=24))', 'hash(timezone(timedelta(0))) == hash(timezone.utc)',
             'bool(time(0))', 'bool(timedelta(0))', 'dt(2020, 1, 1, tzinfo=utc).astimezone(plus1)',
             'dt(2020, 1, 1, tzinfo=plus1).astimezone(utc).timestamp()', 'dt(2020, 1, 1, tzinfo=utc).utctimetuple()',
             'dt(2020, 1, 1, tzinfo=plus1).utctimetuple()', 'dt(2020, 1, 1, 12, tzinfo=plus1).timetuple()',
             'date(2020, 1, 1).timetuple()', 'dt.combine(date(2020, 1, 1), time(1, tzinfo=utc))',
             'dt.combine(date(2020, 1, 1), time(1), tzinfo=plus1)', 'dt.combine(1, time(1))', 'dt.combine(d, 1)',
             'dt(2020, 1, 1).date()', 'dt(2020, 1, 1, 1, tzinfo=utc, fold=1).time()', 'dt(2020, 1, 1, 1, tzinfo=utc, fold=1).timetz()']:
    print(expr, end=' -> ')
    attempt(lambda: eval(expr))
