# stdout written before a crash (without a trailing newline) is still flushed.
import sys
for i in range(3):
    print("line", i)
sys.stdout.write("partial line without newline")
print("error text goes to stderr", file=sys.stderr)
raise RuntimeError("crash after output")
