# Exception messages with non-ASCII text.
try:
    raise ValueError("ungültiger Wert: ß → ∞")
except ValueError as e:
    print(e)
    print(repr(e))
    print(ascii(e))
try:
    {}["ключ"]
except KeyError as e:
    print(e, repr(e))
try:
    int("٣x")
except ValueError as e:
    print(e)
print(int("٣٤"), float("１.５"))
try:
    raise RuntimeError("emoji 🐍 and tab\tand newline\n end")
except RuntimeError as e:
    print(str(e))
    print(repr(e))
class Ünïcode(Exception):
    pass
try:
    raise Ünïcode("naïve")
except Ünïcode as e:
    print(type(e).__name__, e, repr(e))
