# A lot of output: many lines and very long lines.
import sys
for i in range(3000):
    print(i, i * i, "x" * (i % 17))
print("y" * 100000)
sys.stdout.write("".join(f"{i:05d}\n" for i in range(2000)))
print(len(str(7 ** 5000)))
for i in range(200):
    print("err", i, file=sys.stderr)
print("end")
