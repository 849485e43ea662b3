# With stdin at EOF (/dev/null), input() raises EOFError; the prompt is still written.
import sys
try:
    value = input("prompt: ")
except EOFError as e:
    print()
    print("EOFError caught:", type(e).__name__, repr(str(e)))
print(repr(sys.stdin.read()), repr(sys.stdin.readline()))
try:
    input()
except EOFError:
    print("again EOFError")
