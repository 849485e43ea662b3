# sys.exit("message") prints the message to stderr and exits with status 1.
import sys
print("working...")
try:
    sys.exit(2)
except SystemExit as e:
    print("caught SystemExit with code", e.code)
sys.exit("fatal: configuration missing")
