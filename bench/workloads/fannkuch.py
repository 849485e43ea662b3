"""Fannkuch-redux: walk all permutations of 0..n-1 with the classic counting
scheme, flip prefixes until 0 reaches the front, and report the alternating-sign
checksum and the maximum number of flips (argv: n, then how many times to
repeat the whole walk). List indexing, slice assignment and
reversed slices."""
import sys


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    perm_count = 0
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        k = perm1[0]
        if k:
            perm = perm1[:]
            flips = 0
            while k:
                perm[:k + 1] = perm[k::-1]
                flips += 1
                k = perm[0]
            if flips > max_flips:
                max_flips = flips
            if perm_count % 2 == 0:
                checksum += flips
            else:
                checksum -= flips
        # advance to the next permutation
        while True:
            if r == n:
                return checksum, max_flips
            first = perm1[0]
            i = 0
            while i < r:
                perm1[i] = perm1[i + 1]
                i += 1
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        perm_count += 1


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    loops = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    result = fannkuch(n)
    for _ in range(loops - 1):
        if fannkuch(n) != result:
            raise SystemExit("fannkuch: runs disagree")
    checksum, flips = result
    print(checksum)
    print("Pfannkuchen(%d) = %d" % (n, flips))


main()
