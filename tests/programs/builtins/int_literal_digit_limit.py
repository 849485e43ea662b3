# Decimal int literals are checked against sys.set_int_max_str_digits() when
# compiled (hexadecimal ones are not).
import ast
import sys

for limit in (4000, 0, 640):
    sys.set_int_max_str_digits(limit)
    for n in (640, 641, 4000, 4001, 5000):
        try:
            v = eval("3" * n)
            print(limit, n, "ok", len(str(v)) if limit == 0 or n <= limit else "?")
        except SyntaxError as e:
            print(limit, n, "SyntaxError", e.msg[:60], "Consider hexadecimal" in e.msg)
        except ValueError as e:
            print(limit, n, "ValueError", str(e)[:40])
sys.set_int_max_str_digits(4000)
print(ast.literal_eval("3" * 4000) % 7, eval("0x" + "f" * 5000) % 7, eval("1" + "0" * 3999) % 7)
try:
    ast.literal_eval("3" * 4001)
except SyntaxError as e:
    print("SyntaxError", "Exceeds the limit " in str(e), " Consider hexadecimal " in str(e))
