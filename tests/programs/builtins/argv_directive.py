# args: alpha "two words" 3 --flag=x ''
# sys.argv holds the script path followed by the directive's arguments.
import sys
print(sys.argv[0])
print(sys.argv[1:])
print(len(sys.argv))
for i, a in enumerate(sys.argv[1:], 1):
    print(i, repr(a), a.isdigit())
opts = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--"))
print(opts)
print(sum(int(a) for a in sys.argv[1:] if a.isdigit()))
