# os.copy_file_range and os.splice refuse a negative count before calling
# the kernel (Argument Clinic's Py_ssize_t(allow_negative=False)); a count
# of 0 reaches it.
import os

for name, args in (
    ("copy_file_range", (0, 1, -10)),
    ("copy_file_range", (0, 1, -1, None, None)),
    ("splice", (0, 1, -10)),
    ("splice", (0, 1, -1, None, None, 0)),
):
    try:
        getattr(os, name)(*args)
    except ValueError as e:
        print(name, type(e).__name__, e)
r, w = os.pipe()
try:
    os.write(w, b"data")
    print(os.splice(r, w, 0))
finally:
    os.close(r)
    os.close(w)
