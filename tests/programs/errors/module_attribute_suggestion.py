# AttributeError on a module suggests a close attribute name.
import sys
print(sys.getrecursionlimit())
try:
    sys.no_such_thing
except AttributeError as e:
    print(type(e).__name__, e)
sys.getrecursionlimt()
