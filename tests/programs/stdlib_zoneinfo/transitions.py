# ZoneInfo from the native _zoneinfo: offsets around transitions, folds and gaps,
# dates past the last transition (the TZ string's rules), fromutc.
from datetime import datetime, timedelta, timezone, time
import _zoneinfo
from _zoneinfo import ZoneInfo

print(type(ZoneInfo).__name__, ZoneInfo.__module__, ZoneInfo.__mro__[1])

def show(zone, *fields):
    dt = datetime(*fields, tzinfo=zone)
    for fold in (0, 1):
        d = dt.replace(fold=fold)
        print(d.isoformat(), fold, d.utcoffset(), d.dst(), d.tzname())

ny = ZoneInfo("America/New_York")
show(ny, 2020, 3, 8, 2, 30)     # gap
show(ny, 2020, 11, 1, 1, 30)    # fold
show(ny, 1800, 1, 1)            # before the first transition
show(ny, 2077, 7, 4, 12)        # after the last: TZ string rules
show(ny, 2077, 11, 7, 1, 15)
show(ZoneInfo("Australia/Lord_Howe"), 2030, 4, 7, 1, 45)   # half-hour DST
show(ZoneInfo("Europe/Dublin"), 2021, 1, 15)               # negative DST
show(ZoneInfo("UTC"), 2000, 1, 1)
show(ZoneInfo("Asia/Kolkata"), 1945, 10, 14, 23, 30)

# fromutc through astimezone, and the fold it sets
for zone in (ny, ZoneInfo("Europe/London"), ZoneInfo("Pacific/Kiritimati")):
    start = datetime(2020, 11, 1, 4, 0, tzinfo=timezone.utc)
    for h in range(0, 4):
        u = start + timedelta(minutes=30 * h)
        local = u.astimezone(zone)
        print(zone, u.isoformat(), local.isoformat(), local.fold)
    far = datetime(2090, 3, 26, 0, 30, tzinfo=timezone.utc)
    for h in range(4):
        local = (far + timedelta(hours=h)).astimezone(zone)
        print(zone, local.isoformat(), local.fold, local.tzname())

# time objects: only fixed-offset zones answer
print(time(12, tzinfo=ZoneInfo("UTC")).utcoffset(), time(12, tzinfo=ny).utcoffset())
print(ny.utcoffset(None), ZoneInfo("UTC").tzname(None), ZoneInfo("Etc/GMT+5").utcoffset(None))

# errors
for bad in ("Not/AZone", "../etc/passwd", "", "/abs"):
    try:
        ZoneInfo(bad)
    except Exception as e:
        print(type(e).__name__)
for args in [(), ("a", "b")]:
    try:
        ZoneInfo(*args)
    except TypeError as e:
        print("TypeError", e)
try:
    ny.fromutc(datetime(2020, 1, 1))
except ValueError as e:
    print("ValueError", e)
try:
    ny.fromutc("x")
except TypeError as e:
    print("TypeError", e)
