# Interleaved writes to stdout and stderr (captured separately).
import sys
for i in range(5):
    print("out", i)
    print("err", i, file=sys.stderr)
sys.stderr.write("raw stderr without newline")
sys.stderr.write("\n")
sys.stdout.write("raw stdout without newline")
print()
print("unicode on stderr: é ☃ 😀", file=sys.stderr)
print(sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__)
sys.stdout.flush()
sys.stderr.flush()
