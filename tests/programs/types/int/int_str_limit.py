# The integer string conversion length limit (4300 digits by default).
import sys
print(sys.get_int_max_str_digits())
ok = 10 ** 4299
print(len(str(ok)))
big = 10 ** 4300
try:
    str(big)
except ValueError as e:
    print("ValueError:", e)
try:
    repr(big)
except ValueError as e:
    print("ValueError:", e)
try:
    f"{big}"
except ValueError as e:
    print("ValueError:", e)
try:
    int("1" * 4301)
except ValueError as e:
    print("ValueError:", e)
print(int("1" * 4300) % 1000)
print(len(hex(big)), len(bin(big)), hex(big)[:10])
print(int("f" * 5000, 16) % 1000)
sys.set_int_max_str_digits(5000)
print(len(str(big)))
sys.set_int_max_str_digits(0)
print(len(str(10 ** 10000)))
sys.set_int_max_str_digits(4300)
try:
    sys.set_int_max_str_digits(100)
except ValueError as e:
    print("ValueError:", e)
print(sys.int_info.default_max_str_digits, sys.int_info.str_digits_check_threshold)
print(str(-(10 ** 4299))[:5], len(str(-(10 ** 4299))))
