# printf-style formatting of floats.
v = 3.14159265
print("%f|%e|%E|%g|%G|%.2f|%10.3f|%-10.3f|%+.1f|% .1f|%010.2f" % (v, v, v, v, v, v, v, v, v, v, v))
print("%.0f %.0f %.0f %.0f" % (0.5, 1.5, 2.5, -0.5))
print("%g %g %g %g %g" % (1e-5, 1e-4, 123456, 1234567, 0.0))
print("%#g %#.0f %#x" % (1.0, 3.0, 255))
print("%5.1f%%" % 99.44, "%s %r" % (1.5, 0.1), "%d" % 2.99, "%i" % -2.99)
print("%(a).2f and %(b)e" % {"a": 1.005, "b": 12345.678})
print("%*.*f|%-*.1f|" % (10, 3, v, 8, v))
print("%f %f %f" % (float("inf"), float("-inf"), float("nan")), "%e" % float("inf"), "%.3g" % float("nan"))
print("%.20f" % 0.1, "%.3e" % 0, "%x" % 255)
try:
    "%x" % 1.5
except TypeError as e:
    print("TypeError:", e)
try:
    "%c" % 1.5
except TypeError as e:
    print("TypeError:", e)
print("%c%c" % (72, "i"), "%o" % 8, "%X" % 3054)
