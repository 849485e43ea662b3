# Every code point encoded and every 1-2 byte sequence (3 bytes after EUC-JP's 0x8F, a
# sample of GB18030's four-byte ones) decoded by each CJK codec, as digests.
import hashlib

CODECS = ['gb2312', 'gbk', 'gb18030', 'hz', 'big5', 'cp950', 'big5hkscs',
          'shift_jis', 'cp932', 'euc_jp', 'shift_jis_2004', 'shift_jisx0213',
          'euc_jis_2004', 'euc_jisx0213', 'euc_kr', 'cp949', 'johab']

ALL = ''.join(map(chr, range(0x110000)))
LOW = ALL[:0x30000]
PAIRS = [bytes((a, b)) for a in range(256) for b in range(256)]
TRIPLES = [bytes((0x8F, a, b)) for a in range(256) for b in range(256)]
GB4 = [bytes((a, b, c, d)) for a in (0x81, 0x82, 0x84, 0x85, 0x90, 0xE3, 0xE4, 0xFE)
       for b in (0x30, 0x31, 0x35, 0x39) for c in range(0x80, 0x100, 3) for d in range(0x2F, 0x3B)]


def digest(data):
    return hashlib.sha256(data).hexdigest()[:16]


for codec in CODECS:
    enc_all = ALL.encode(codec, 'ignore')
    enc_low = LOW.encode(codec, 'backslashreplace')
    dec2 = '\0'.join([p.decode(codec, 'backslashreplace') for p in PAIRS])
    line = [codec, digest(enc_all), digest(enc_low), digest(dec2.encode('utf-8', 'surrogatepass'))]
    if codec.startswith('euc_j'):
        dec3 = '\0'.join([p.decode(codec, 'backslashreplace') for p in TRIPLES])
        line.append(digest(dec3.encode('utf-8', 'surrogatepass')))
    if codec == 'gb18030':
        dec4 = '\0'.join([p.decode(codec, 'backslashreplace') for p in GB4])
        line.append(digest(dec4.encode('utf-8', 'surrogatepass')))
    print(*line)
