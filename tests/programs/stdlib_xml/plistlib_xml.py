# plistlib: XML plists are read through pyexpat.
import datetime
import plistlib

value = {
    "name": "Taipan",
    "version": 3.11,
    "count": 42,
    "big": 2**63 - 1,
    "flags": [True, False],
    "data": b"\x00\x01binary\xff",
    "when": datetime.datetime(2024, 1, 2, 3, 4, 5),
    "nested": {"list": [1, "two", {"three": 3.0}], "empty": {}},
    "uid": plistlib.UID(7),
}
xml_bytes = plistlib.dumps({k: v for k, v in value.items() if k != "uid"})
print(xml_bytes.decode())
back = plistlib.loads(xml_bytes)
print(back == {k: v for k, v in value.items() if k != "uid"}, sorted(back))
print(plistlib.dumps([1, 2], sort_keys=False).decode())
binary = plistlib.dumps(value, fmt=plistlib.FMT_BINARY)
print(plistlib.loads(binary) == value)
print(plistlib.loads(plistlib.dumps("text & <markup>")))

for bad in [b"<plist><dict><key>a</key></dict></plist>", b"<plist><integer>x</integer></plist>", b"<plist><a></plist>"]:
    try:
        plistlib.loads(bad)
    except Exception as e:
        print(type(e).__name__, e)
