# Zones built from TZif data with only a footer TZ string: POSIX rules
# (Mm.w.d, Jn, n, times past 24h, negative DST) and malformed strings.
import io, struct
from datetime import datetime, timedelta, timezone
from _zoneinfo import ZoneInfo

def tzif(tz_str, version=b"2"):
    # One standard ttinfo, no transitions, then the v2+ body and the footer.
    def block(size):
        header = b"TZif" + version + b"\x00" * 15 + struct.pack(">6l", 0, 0, 0, 0, 1, 4)
        return header + struct.pack(">lbb", 0, 0, 0) + b"UTC\x00"
    return block(4) + block(8) + b"\n" + tz_str + b"\n"

cases = [b"EST5EDT,M3.2.0,M11.1.0", b"<+0330>-3:30", b"AAA3BBB,J60/2,J300/-1",
         b"CET-1CEST,M3.5.0,M10.5.0/3", b"IST-1GMT0,M10.5.0,M3.5.0/1",
         b"AAA4BBB,0/0,365/25", b"XXX-10YYY-11:30,M10.1.0,M4.1.0/3", b"UTC0"]
for s in cases:
    z = ZoneInfo.from_file(io.BytesIO(tzif(s)), key=s.decode())
    print(s)
    for m in (1, 3, 4, 7, 10, 11, 12):
        d = datetime(2024, m, 20, 12, tzinfo=z)
        print("  ", m, d.utcoffset(), d.dst(), d.tzname())
    u = datetime(2024, 1, 1, tzinfo=timezone.utc)
    for h in range(0, 366 * 24, 24 * 37):
        loc = (u + timedelta(hours=h)).astimezone(z)
        print("  ", loc.isoformat(), loc.fold)

for s in [b"AAA", b"A4", b"AAA4BBB", b"AAA4BBB,M3.2.0", b"AAA4BBB,M13.1.0,M1.1.0",
          b"AAA4BBB,J0,J100", b"AAA4BBB,M3.2.0,M11.1.0x", b"<A+>4", b"AAA25", b"AAA4BBB9:9,1,2"]:
    try:
        ZoneInfo.from_file(io.BytesIO(tzif(s)))
        print(s, "ok")
    except ValueError as e:
        print(s, "ValueError", e)

# RFC 8536 transition times: hours up to 167, signed.
for s in [b"AAA4BBB,J60/167,J300/2", b"AAA4BBB,J60/-167:59:59,J300/2", b"AAA4BBB,J60/2,J300/+100:30",
          b"AAA24:59:59BBB5,J60/2,J300/2", b"AAA4BBB,J60/168,J300/2", b"AAA4BBB,J60/2:0,J300/2",
          b"AAA4BBB,M1.5.1/2,M1.1.1/2", b"AAA4BBB,365/2,365/14"]:
    try:
        z = ZoneInfo.from_file(io.BytesIO(tzif(s)))
    except ValueError as e:
        print(s, "ValueError", e)
        continue
    print(s, [datetime(2023, m, 1, tzinfo=z).tzname() for m in range(1, 13)])
