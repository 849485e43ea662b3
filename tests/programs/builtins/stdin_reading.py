# stdin: line one\nline two\n\nline four\ttabbed\n\xc3\xa9t\xc3\xa9 unicode\n
# Reading sys.stdin directly: readline, iteration and read.
import sys
first = sys.stdin.readline()
print(repr(first))
second = input()
print(repr(second))
rest = [line for line in sys.stdin]
print(rest)
print(repr(sys.stdin.read()), repr(sys.stdin.readline()))
try:
    input()
except EOFError:
    print("EOF at the end")
