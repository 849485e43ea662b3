# UTF-7: which ASCII characters are written directly (set D, set O, space,
# tab, CR, LF) and which go in base64; leftover bits when a shift sequence
# ends; lone surrogates.
set_d = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'(),-./:?"
set_o = ' !"#$%&*;<=>@[]^_`{|}'
ws = " \t\n\r"
print(set_d.encode("utf-7") == set_d.encode("ascii"), set_o.encode("utf-7") == set_o.encode("ascii"))
print(ws.encode("utf-7"), "a+b".encode("utf-7"), b"a+-b".decode("utf-7"))
other = "".join(sorted(set(bytes(range(0x80)).decode()) - set(set_d + set_o + "+" + ws)))
print(other.encode("utf-7"))
print(other.encode("utf-7").decode("utf-7") == other)
for s in ["a\ud801b", "\ud801", "x\udc00\ud800", "\u20ac+\\~a", "\U0001f40d-x", "~-"]:
    enc = s.encode("utf-7")
    print(ascii(s), enc, ascii(enc.decode("utf-7")))
tests = [b"a+2AE-b", b"a+2AE\xffb", b"a+2AE", b"a+2AEA-b", b"a+2AH-b", b"a+IKzYAQ-b", b"a+IKzYAQ\xffb",
         b"a+IKzYAQA-b", b"a+IKzYAd-b", b"a+IKwgrNgB-b", b"a+IKwgrNgB\xffb", b"a+IKwgrNgB", b"a+IKwgrNgBA-b",
         b"a+AAA-b", b"a+AAB-b", b"a+AAAA-b"]
for raw in tests:
    print(raw, ascii(raw.decode("utf-7", "replace")))
try:
    b"a+IKwgrNgBA-b".decode("utf-7")
except UnicodeDecodeError as e:
    print(e.start, e.end, e.reason)
