# sys.exit(3): output is flushed, finally blocks run, exit status is 3.
import sys
print("before exit")
try:
    sys.exit(3)
finally:
    print("finally runs during SystemExit")
print("not reached")
