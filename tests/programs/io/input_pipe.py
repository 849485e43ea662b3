# stdin: first line\nsecond line\r\nthird without newline
# input() and sys.stdin reading from a pipe.
import sys
print(repr(input()))
print(repr(input("prompt> ")))
print(repr(sys.stdin.readline()))
try:
    input("more? ")
except EOFError as e:
    print("EOFError", e)
print(repr(sys.stdin.read()), repr(sys.stdin.readline()))
print(sys.stdin.readable(), sys.stdin.writable(), sys.stdin.mode, sys.stdin.name)
