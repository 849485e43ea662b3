# binascii on pseudo-random inputs (a fixed LCG): every encoder and decoder,
# with inputs biased towards the characters each format treats specially.
import binascii

state = 12345


def rnd(n):
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return (state >> 33) % n


def blob(alphabet, n):
    return bytes(alphabet[rnd(len(alphabet))] for _ in range(n))


def run(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        return type(e).__name__ + ":" + str(e)
    return r


ALL = bytes(range(256))
QP = b"ab =\t\r\n._\x00\xff3D"
B64 = b"ABCxyz019+/=  \n!"
UU = b" !\"#09AZ`\n\r\x7fabc"
HEX = b"0123456789abcdefABCDEFxg "
out = []
for i in range(400):
    n = rnd(90)
    raw = blob(ALL, n)
    qp = blob(QP, n)
    out.append(binascii.b2a_qp(raw, rnd(2), rnd(2), rnd(2)))
    out.append(binascii.b2a_qp(qp, rnd(2), rnd(2), rnd(2)))
    out.append(binascii.a2b_qp(qp, rnd(2)))
    out.append(binascii.b2a_base64(raw, newline=rnd(2)))
    b = blob(B64, n)
    out.append(run(binascii.a2b_base64, b))
    out.append(run(binascii.a2b_base64, b, strict_mode=True))
    out.append(run(binascii.b2a_uu, raw[:rnd(50)], backtick=rnd(2)))
    out.append(run(binascii.a2b_uu, blob(UU, n)))
    out.append(run(binascii.a2b_uu, binascii.b2a_uu(raw[:45])))
    out.append(run(binascii.unhexlify, blob(HEX, n)))
    out.append(binascii.hexlify(raw, "-:"[rnd(2)], rnd(9) - 4) if rnd(3) else binascii.hexlify(raw))
    out.append(binascii.crc_hqx(raw, rnd(65536)))
    out.append(binascii.crc32(raw, rnd(2**32)))
for i in range(0, len(out), 13):
    print(i // 13, binascii.crc32(repr(out[i:i + 13]).encode()))
print(out[:13])
