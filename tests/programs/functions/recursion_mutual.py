# Mutual recursion and recursion limits.
import sys
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(is_even(10), is_odd(7), is_even(301))
def count_down(n):
    if n == 0:
        return "liftoff"
    return count_down(n - 1)
print(count_down(500))
print(sys.getrecursionlimit())
def infinite(n):
    return infinite(n + 1)
try:
    infinite(0)
except RecursionError as e:
    print("RecursionError:", e)
def ping(n):
    return pong(n)
def pong(n):
    return ping(n)
try:
    ping(0)
except RecursionError as e:
    print("RecursionError:", e)
print("recovered", count_down(100))
