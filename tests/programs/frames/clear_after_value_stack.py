# frame.clear() (here through traceback.clear_frames, as unittest's
# assertRaises does) on frames that finished with values on their stack and
# whose data-stack memory earlier frames used: only what the frame holds is
# released.
import gc
import traceback


def deep(n):
    return [1, 2, (3, 4, [5, {6: (7, 8)}]), helper(n), 9]


def helper(n):
    if n:
        return deep(n - 1)
    raise ValueError("bottom %d" % n)


def churn(k):
    # Its locals, released when it returns, leave their (stale) pointers in
    # the data stack's memory where the next frames keep their value stacks.
    a, b, c, d, e, f, g, h = [k], [k], [k], [k], [k], [k], [k], [k]
    i, j, l, m, n, o, p, q = [k], [k], [k], [k], [k], [k], [k], [k]
    return len(a + b + c + d + e + f + g + h + i + j + l + m + n + o + p + q)


for round_ in range(4):
    gc.collect()
    churn(50)
    try:
        deep(6)
    except ValueError as e:
        tb = e.__traceback__
        traceback.clear_frames(tb)
        frames = []
        while tb is not None:
            frames.append((tb.tb_frame.f_code.co_name, sorted(tb.tb_frame.f_locals)))
            tb = tb.tb_next
        print(round_, e, len(frames), frames[-1])
    print(sum(len(str(x)) for x in [[i] * 3 for i in range(200)]))

# The pattern of unittest's assertRaises (it clears the traceback's frames).
import unittest

case = unittest.TestCase()
e = Exception("projector")
with case.assertRaisesRegex(ValueError, "Both or neither"):
    traceback.format_exception(e.__class__, e)
with case.assertRaisesRegex(ValueError, "Both or neither"):
    traceback.format_exception(e.__class__, tb=e.__traceback__)
with case.assertRaisesRegex(TypeError, "positional-only"):
    traceback.format_exception(exc=e)
print("assertRaises done")
