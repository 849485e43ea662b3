# Every float format spec.
vals = [0.0, -0.0, 1.0, -1.5, 3.14159265358979, 1234567.891, 0.000123456, 1e22, 1e-10, 2.5, 3.5,
        float("inf"), float("-inf"), float("nan")]
specs = ["", "f", ".0f", ".2f", ".10f", "e", ".0e", ".3E", "g", ".3g", ".10g", "G", "#g", "#.0f", "#.0e",
         "%", ".1%", "n", "10.3f", "<10.2f", "^10.2f", ">10.2f", "=+10.2f", "010.2f", "+.2f", " .2f", "-.2f",
         ",.2f", "_.2f", ",", "*>12.4g", "z.1f", "z", ".3", "#.3", "+g", "#010.1f"]
for s in specs:
    row = []
    for v in vals:
        try:
            row.append(format(v, s))
        except ValueError as e:
            row.append("<ValueError>")
    print(f"{s!r:10}", "|".join(row))
for bad in ["d", "x", "c", "s", ",_f", ".2d"]:
    try:
        format(1.5, bad)
    except ValueError as e:
        print("ValueError:", e)
print("{:.3f} {:>8.2e} {:g}".format(2 / 3, 12345.678, 1e-5), f"{0.5:.0f} {1.5:.0f} {2.5:.0f}")
print(format(1e16, "f"), format(1e16, ".1f"), format(123.456, ".1g"), format(0.00001, "f"), format(1e-300, "g"))
print(format(1.0, ".17g"), format(0.1, ".17f"), format(0.1, ".25f"), format(2 ** 0.5, ".50f"))
