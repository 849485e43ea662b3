# stdin: alpha\nbeta\r\ngamma\n\ndelta
# Reading sys.stdin: iteration, readline, read, buffer, mixed with input().
import sys
print(repr(input()))
for i, line in enumerate(sys.stdin):
    print(i, repr(line))
    if i == 1:
        break
print(repr(sys.stdin.buffer.read(3)), repr(sys.stdin.read()))
print(repr(sys.stdin.readline()), repr(sys.stdin.buffer.read()), sys.stdin.closed)
print(sys.stdin.newlines, sys.stdin.buffer.raw.readable())
try:
    sys.stdin.tell()
except OSError as e:
    print(type(e).__name__, e)
try:
    sys.stdin.seek(0)
except OSError as e:
    print(type(e).__name__, e)
