# An incremental UTF-8 decoder keeps a surrogate's first two bytes (ED A0..BF)
# for the next chunk: surrogatepass can then decode it; other handlers see
# the error once the data is final or followed by something else.
import codecs

for enc in ("utf-8", "utf-8-sig"):
    for ch in ("\ud901", "\udc02"):
        data = ch.encode(enc, "surrogatepass")
        for i in range(1, len(data)):
            dec = codecs.getincrementaldecoder(enc)("surrogatepass")
            print(enc, ascii(ch), i, ascii(dec.decode(data[:i])), ascii(dec.decode(data[i:], True)))
for errors in ("strict", "replace", "ignore", "surrogateescape"):
    dec = codecs.getincrementaldecoder("utf-8")(errors)
    try:
        print(errors, ascii(dec.decode(b"a\xed\xa4")), ascii(dec.decode(b"x")), ascii(dec.decode(b"\xed\xa0", True)))
    except UnicodeDecodeError as e:
        print(errors, "UnicodeDecodeError", e.start, e.end, e.reason)
