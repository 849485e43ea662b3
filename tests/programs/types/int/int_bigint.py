# Arbitrary precision integers.
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r
f100 = fact(100)
print(f100)
print(len(str(f100)), sum(int(d) for d in str(f100)), str(f100).count("0"))
print(f100 // fact(98), f100 % (10 ** 9 + 7))
p = 2 ** 521 - 1
print(p.bit_length(), p % 1000, str(p)[:20], str(p)[-20:])
print(pow(2, p - 1, p) == 1, pow(3, 10 ** 6, 10 ** 9))
a = 3 ** 200
b = 7 ** 150
print(a + b, a - b, sep="\n")
print(a * b % (10 ** 12), a // b, a % b)
print(divmod(-a, b)[0] == -(a // b) - 1, -a % b == b - a % b)
print(a > b, a < b, a == a + 0, -a < -b, a != b)
fib = [0, 1]
for _ in range(300):
    fib.append(fib[-1] + fib[-2])
print(fib[300])
print(fib[300] * fib[299] - fib[298] * fib[301])
def isqrt(n):
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x
print(isqrt(10 ** 100), isqrt(2 * 10 ** 60))
n = 12345678901234567890123456789
print(n * n, n ** 3 // n ** 2 == n, -n // 7, -n % 7)
print(hex(n), oct(n), bin(n)[:20])
print(int(str(f100)) == f100, int(hex(n), 16) == n)
big_neg = -(10 ** 50)
print(big_neg >> 10, big_neg << 10, big_neg & 0xFFFF, big_neg | 1, big_neg ^ -1)
print(abs(big_neg) == 10 ** 50, max(big_neg, -big_neg))
