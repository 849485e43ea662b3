# asctime()/strftime() refuse a year whose tm_year (year - 1900) would
# underflow a C int, and a format with an embedded NUL.
import time

MAX = (1 << 31) - 1
MIN = -MAX - 1 + 1900
for y in (MAX, MIN, MAX + 1, MIN - 1, -MAX - 1, -1, 0):
    for f in (time.asctime, lambda t: time.strftime("%Y", t)):
        try:
            print(f((y,) + (0,) * 8)[-12:])
        except OverflowError as e:
            print("OverflowError", e)
for fmt in ("%S\0", "\0", "a\0b"):
    try:
        time.strftime(fmt, time.gmtime(0))
    except ValueError as e:
        print("ValueError", e)
print(time.strftime("%Y-%m", time.gmtime(0)))

import datetime

print(repr(datetime.datetime(2020, 1, 2).strftime("a%d\0b%Y")), repr(datetime.date(2020, 1, 2).strftime("\0%Y")))
