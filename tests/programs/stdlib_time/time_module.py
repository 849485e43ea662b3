# time: struct_time, conversions, strftime/asctime, errors, clocks (no wall-clock values printed).
import time, os

os.environ['TZ'] = 'UTC'
time.tzset()
print(time.timezone, time.altzone, time.daylight, time.tzname)
print(time.gmtime(0))
print(time.gmtime(1700000000.9))
print(time.gmtime(-1.5))
t = time.localtime(86400 * 365 + 3661)
print(t, t.tm_zone, t.tm_gmtoff, len(t), t.n_fields, t.n_sequence_fields)
print(time.mktime(t), time.mktime((2000, 1, 1, 0, 0, 0, 0, 0, -1)))
print(time.strftime('%Y-%m-%d %H:%M:%S %j %a %b %%', time.gmtime(1234567890)))
print(time.strftime('%Y', (2020, 0, 0, 0, 0, 0, 0, 0, 0)), repr(time.strftime('', time.gmtime(0))))
print(time.asctime(time.gmtime(1234567890)), time.ctime(1234567890))
print(time.asctime((2020, 1, 1, 0, 0, 0, -1, 1, 0)))
for bad in [(2020, 13, 1, 0, 0, 0, 0, 1, 0), (2020, 1, 32, 0, 0, 0, 0, 1, 0), (2020, 1, 1, 24, 0, 0, 0, 1, 0),
            (2020, 1, 1, 0, 60, 0, 0, 1, 0), (2020, 1, 1, 0, 0, 62, 0, 1, 0), (2020, 1, 1, 0, 0, 0, -2, 1, 0),
            (2020, 1, 1, 0, 0, 0, 0, 367, 0), (1, 2, 3), (1, 2, 3, 4, 5, 6, 7, 8, 'x'), (1, 2, 3, 4, 5, 6, 7, 8, 1.5), 5]:
    for f in (lambda b: time.strftime('%Y', b), time.asctime, time.mktime):
        try:
            print(f(bad))
        except (ValueError, TypeError, OverflowError) as e:
            print(type(e).__name__, e)
for bad in [1e30, float('nan'), 'x', 2**70]:
    try:
        time.gmtime(bad)
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
st = time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0))
print(st, st.tm_zone, st.tm_gmtoff, st[0], st[-1], st[2:4])
print(time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0, 'ABC', 3600)).tm_zone)
try:
    time.struct_time((1, 2))
except TypeError as e:
    print(e)
print(time.strftime('%Z %z', time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0, 'ABC', 3600))))

os.environ['TZ'] = 'EST+05EDT,M3.2.0,M11.1.0'
time.tzset()
print(time.timezone, time.altzone, time.daylight, time.tzname)
print(time.localtime(0), time.localtime(0).tm_zone, time.localtime(0).tm_gmtoff)
print(time.localtime(1690000000).tm_isdst, time.localtime(1690000000).tm_zone)
print(time.mktime(time.localtime(1690000000)))
print(time.ctime(0))
os.environ['TZ'] = 'UTC'
time.tzset()

for name in ['time', 'monotonic', 'perf_counter', 'process_time', 'thread_time']:
    info = time.get_clock_info(name)
    print(name, info.implementation, info.monotonic, info.adjustable, info.resolution)
try:
    time.get_clock_info('nope')
except ValueError as e:
    print(e)
a = time.monotonic(); b = time.monotonic()
print(b >= a, type(time.time()).__name__, type(time.time_ns()).__name__, type(time.perf_counter_ns()).__name__)
print(abs(time.time() - time.time_ns() / 1e9) < 1, time.process_time() >= 0, time.thread_time_ns() >= 0)
print(type(time.clock_gettime(time.CLOCK_MONOTONIC)).__name__, time.clock_getres(time.CLOCK_REALTIME))
t0 = time.monotonic(); time.sleep(0.02); print(time.monotonic() - t0 >= 0.02)
time.sleep(0)
for bad in [-1, 'x', float('nan')]:
    try:
        time.sleep(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(time.CLOCK_REALTIME, time.CLOCK_MONOTONIC, time._STRUCT_TM_ITEMS)
