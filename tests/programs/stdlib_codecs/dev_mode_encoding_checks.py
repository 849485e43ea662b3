# -X dev looks up the codec and the error handler of str.encode,
# bytes.decode, bytes(str, ...), str(bytes, ...) and open()/TextIOWrapper
# (its error handler) even when nothing needs them (empty data, nothing to
# replace): an unknown name is a LookupError.
import subprocess
import sys

CODE = r"""
import io
invalid = 'Boom, Shaka Laka, Boom!'
calls = [
    ("''.encode(invalid)", lambda: ''.encode(invalid)),
    ("'x'.encode('utf8', invalid)", lambda: 'x'.encode('utf8', invalid)),
    ("'x'.encode('latin1', errors=invalid)", lambda: 'x'.encode('latin1', errors=invalid)),
    ("b''.decode(invalid)", lambda: b''.decode(invalid)),
    ("b'x'.decode(errors=invalid)", lambda: b'x'.decode(errors=invalid)),
    ("b'x'.decode('ascii', invalid)", lambda: b'x'.decode('ascii', invalid)),
    ("bytes('', 'ascii', invalid)", lambda: bytes('', 'ascii', invalid)),
    ("bytearray('x', 'utf8', invalid)", lambda: bytearray('x', 'utf8', invalid)),
    ("str(b'', 'latin1', invalid)", lambda: str(b'', 'latin1', invalid)),
    ("'x'.encode('utf8', 'backslashreplace')", lambda: 'x'.encode('utf8', 'backslashreplace')),
    ("b'x'.decode('cp1252', 'strict')", lambda: b'x'.decode('cp1252', 'strict')),
    ("open('/dev/null', errors=invalid)", lambda: open('/dev/null', errors=invalid).close()),
    ("TextIOWrapper(BytesIO(), errors=invalid)", lambda: io.TextIOWrapper(io.BytesIO(), errors=invalid).errors),
    ("TextIOWrapper(BytesIO(), errors='namereplace')", lambda: io.TextIOWrapper(io.BytesIO(), errors='namereplace').errors),
]
for text, call in calls:
    try:
        print(text, '->', repr(call()))
    except LookupError as e:
        print(text, '-> LookupError:', e)
"""

for args in ([], ["-X", "dev"]):
    p = subprocess.run([sys.executable, *args, "-c", CODE], capture_output=True, text=True)
    print(args, p.returncode)
    print(p.stdout, end="")
    print(p.stderr, end="")
