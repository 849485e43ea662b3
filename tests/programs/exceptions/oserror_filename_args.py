# OSError keeps its filename arguments out of args only when a filename is
# given; BlockingIOError's numeric third argument is characters_written.
for args in [(1, 'x'), (1, 'x', None), (1, 'x', 'f'), (1, 'x', None, None, 'g'), (1, 'x', 'f', None, 'g'), (1, 'x', 'f', 5, 'g')]:
    e = OSError(*args)
    print(type(e).__name__, e.args, e.filename, e.filename2)
e = BlockingIOError(11, 'x', 16)
print(e.args, e.filename, e.characters_written)
e = BlockingIOError(11, 'x', True)
print(e.args, e.characters_written)
e = BlockingIOError(11, 'x', 'name')
print(e.args, e.filename)
try:
    e.characters_written
except AttributeError as exc:
    print("AttributeError", exc)
e.characters_written = 5
print(e.characters_written)
del e.characters_written
try:
    del e.characters_written
except AttributeError as exc:
    print("AttributeError", exc)
for bad in (1.5, 2 ** 70, "3"):
    try:
        e.characters_written = bad
    except (TypeError, ValueError) as exc:
        print(type(exc).__name__, exc)
try:
    BlockingIOError(11, 'x', 1.5)
except TypeError as exc:
    print("TypeError", exc)
class Sub(BlockingIOError):
    pass
e = Sub(11, 'x', 16)
print(e.args, e.filename)
