"""Float arithmetic loops: a Mandelbrot escape-time grid, Simpson integration
of a polynomial-over-polynomial, Newton iteration for square roots, Taylor
series for sin and exp, and Horner polynomial evaluation. Mostly local float
variables, + - * / and comparisons, int/float mixing and float formatting."""
import sys


def mandelbrot(width, height, max_iter):
    total = 0
    for py in range(height):
        ci = -1.2 + 2.4 * py / height
        for px in range(width):
            cr = -2.1 + 3.0 * px / width
            zr = zi = 0.0
            n = 0
            while n < max_iter:
                zr2 = zr * zr
                zi2 = zi * zi
                if zr2 + zi2 > 4.0:
                    break
                zi = 2.0 * zr * zi + ci
                zr = zr2 - zi2 + cr
                n += 1
            total += n
    return total


def f(x):
    return (x * x * x - 2.0 * x + 1.0) / (1.0 + x * x)


def simpson(a, b, n):
    h = (b - a) / n
    s = f(a) + f(b)
    for i in range(1, n):
        x = a + i * h
        s += (4.0 if i % 2 else 2.0) * f(x)
    return s * h / 3.0


def newton_sqrt(v):
    x = v if v > 1.0 else 1.0
    for _ in range(30):
        nx = 0.5 * (x + v / x)
        if abs(nx - x) < 1e-15 * x:
            return nx
        x = nx
    return x


def taylor_sin(x):
    term = x
    s = x
    x2 = x * x
    k = 1
    while abs(term) > 1e-17:
        term = -term * x2 / ((2 * k) * (2 * k + 1))
        s += term
        k += 1
    return s


def taylor_exp(x):
    term = 1.0
    s = 1.0
    k = 1
    while term > 1e-17 * s:
        term = term * x / k
        s += term
        k += 1
    return s


def horner(coeffs, x):
    acc = 0.0
    for c in coeffs:
        acc = acc * x + c
    return acc


def main():
    scale = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    print("mandelbrot", mandelbrot(40 * scale, 30 * scale, 60))
    print("simpson %.12f" % simpson(0.0, 3.0, 50000 * scale))
    s = 0.0
    for i in range(1, 20000 * scale):
        s += newton_sqrt(i * 0.37)
    print("newton %.6f" % s)
    s = 0.0
    for i in range(5000 * scale):
        x = (i % 400) / 100.0 - 2.0
        s += taylor_sin(x) * taylor_exp(x * 0.5)
    print("taylor %.9f" % s)
    coeffs = [((i * 7) % 11 - 5) / 3.0 for i in range(12)]
    s = 0.0
    for i in range(20000 * scale):
        s += horner(coeffs, (i % 1000) / 1000.0 - 0.5)
    print("horner %.9f" % s)


main()
