# sys._debugmallocstats(): allocator statistics on the C stderr (the format is the implementation's)
import subprocess
import sys

try:
    sys._debugmallocstats(True)
except TypeError as e:
    print("TypeError:", e)

code = "import sys; x = [object() for i in range(1000)]; print(sys._debugmallocstats())"
p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
print(p.returncode, p.stdout.strip())
lines = p.stderr.splitlines()
print(lines[0].startswith("Small block threshold = "), lines[0].endswith(" size classes."))
print(any(line.split()[:1] == ["class"] for line in lines))
print(any(line.startswith("# bytes in allocated blocks") for line in lines))
