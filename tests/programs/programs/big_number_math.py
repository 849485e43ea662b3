# Big-integer algorithms: pi digits (spigot), e digits, factorial digits, Collatz, primality.
def pi_digits(n):
    q, r, t, k, m, x = 1, 0, 1, 1, 3, 3
    out = []
    while len(out) < n:
        if 4 * q + r - t < m * t:
            out.append(m)
            q, r, m = 10 * q, 10 * (r - m * t), (10 * (3 * q + r)) // t - 10 * m
        else:
            q, r, t, k, m, x = q * k, (2 * q + r) * x, t * x, k + 1, (q * (7 * k + 2) + r * x) // (t * x), x + 2
    return out
digits = pi_digits(120)
print(str(digits[0]) + "." + "".join(map(str, digits[1:])))
def e_digits(n):
    scale = 10 ** (n + 10)
    total, term, k = 0, scale, 0
    while term:
        total += term
        k += 1
        term //= k
    return str(total)[:n + 1]
e = e_digits(80)
print(e[0] + "." + e[1:])
def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r
f = factorial(500)
s = str(f)
print(len(s), sum(map(int, s)), len(s) - len(s.rstrip("0")), s[:30])
def collatz_len(n, cache={1: 1}):
    path = []
    while n not in cache:
        path.append(n)
        n = n // 2 if n % 2 == 0 else 3 * n + 1
    length = cache[n]
    for v in reversed(path):
        length += 1
        cache[v] = length
    return length
best = max(range(1, 30000), key=collatz_len)
print("longest collatz under 30000:", best, collatz_len(best))
def is_probable_prime(n):
    if n < 2:
        return False
    small = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
    for p in small:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in small:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True
mersenne = [p for p in range(2, 200) if is_probable_prime(2 ** p - 1)]
print("mersenne exponents:", mersenne)
print(is_probable_prime(2 ** 127 - 1), is_probable_prime(2 ** 128 + 1), is_probable_prime(1000000007))
def isqrt(n):
    x = 1 << ((n.bit_length() + 1) // 2)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y
print("sqrt(2) =", str(isqrt(2 * 10 ** 100))[:1] + "." + str(isqrt(2 * 10 ** 100))[1:])
a, b = 0, 1
for _ in range(1000):
    a, b = b, a + b
print("fib(1000) has", len(str(a)), "digits, ends with", str(a)[-10:])
print(pow(3, 10 ** 5, 10 ** 20), (2 ** 4423 - 1) % 10 ** 15)
