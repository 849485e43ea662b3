# Mutual recursion with a small recursion limit: the traceback alternates two frames.
import sys
sys.setrecursionlimit(30)
def ping(n):
    return pong(n + 1)
def pong(n):
    return ping(n + 1)
print("start")
ping(0)
