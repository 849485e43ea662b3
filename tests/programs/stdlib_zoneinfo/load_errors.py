# What load_data hands ZoneInfo, made malformed: errors as CPython's C module raises them.
import io, zoneinfo._common as common
from _zoneinfo import ZoneInfo
from datetime import datetime, timezone
real = common.load_data
cases = [
    None, (), (1,), ((), (), (), (), (), None),
    ((0,), (0,), (), (), (), None),
    ((5,), (0,), (0,), (False,), ("A",), None),
    ((0,), (10**30,), (0,), (False,), ("A",), None),
    ((0,), (0,), (10**30,), (False,), ("A",), None),
    ((0,), (0,), (86400 * 2,), (False,), ("A",), None),
    ((0,), (0,), (3600,), (False,), ("A",), "EST5"),
    ((0,), (0,), (3600,), (False,), ("A",), b"EST5EDT,M3.2.0,M11.1.0"),
    ((), (), (), (), (), b""),
    ((), (), (0,), (True,), (None,), b""),
    ((0, 0), (5, 1), (0,), (True,), (1,), None),
    ((0,), (0,), (0,), (0,), (), None),
    ([0], [0], [0], [0], [0], None),
    ((0,), (0,), (0, 7200), (False, True), ("A", "B"), b"<>0<>-1,0/0,365/0"),
]
for c in cases:
    common.load_data = lambda f, c=c: c
    try:
        z = ZoneInfo.from_file(io.BytesIO(b""))
        out = []
        for dt in (datetime(1960, 1, 1), datetime(2020, 6, 1), datetime(1, 1, 1), datetime(9999, 12, 31, 23)):
            try:
                d = dt.replace(tzinfo=z)
                out.append((d.utcoffset(), d.tzname(), d.dst()))
                out.append(dt.replace(tzinfo=timezone.utc).astimezone(z).isoformat())
            except Exception as e:
                out.append(type(e).__name__)
        print("ok", out)
    except Exception as e:
        print(type(e).__name__, e)
common.load_data = real
