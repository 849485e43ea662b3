# base64 over binascii: every codec of the module and its errors.
import base64
import io

data = [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", bytes(range(256)), b"\xfb\xff\xfe" * 7]
for d in data:
    e = [base64.b64encode(d), base64.urlsafe_b64encode(d), base64.b32encode(d), base64.b32hexencode(d),
         base64.b16encode(d), base64.a85encode(d), base64.b85encode(d), base64.standard_b64encode(d)]
    print([x[:40] for x in e])
    back = [base64.b64decode(e[0]), base64.urlsafe_b64decode(e[1]), base64.b32decode(e[2]), base64.b32hexdecode(e[3]),
            base64.b16decode(e[4]), base64.a85decode(e[5]), base64.b85decode(e[6]), base64.standard_b64decode(e[7])]
    print(all(b == d for b in back))
print(base64.b64encode(b"\xff\xfe", altchars=b"-_"), base64.b64decode(b"//4=", altchars=b"-_"))
print(base64.b64decode("Zm9v"), base64.b64decode(b"Zm9v\n"), base64.b64decode(b"Zm 9v"))
print(base64.b32decode(b"mzxw6===", casefold=True), base64.b32decode(b"MZXW6===", map01=b"L"))
print(base64.b16decode(b"abcd", casefold=True), base64.a85encode(b"hello", wrapcol=4, adobe=True))
print(base64.a85encode(b"\0\0\0\0    ", foldspaces=True), base64.a85decode(b"<~BOu!rDZ~>", adobe=True))
print(base64.encodebytes(bytes(range(100))), base64.decodebytes(b"AAEC\nAwQ=\n"))
out = io.BytesIO()
base64.encode(io.BytesIO(b"x" * 100), out)
print(out.getvalue())
for f, arg in [(base64.b64decode, b"Zm9"), (base64.b64decode, b"Zm9v!"), (base64.b32decode, b"abc"), (base64.b16decode, b"abc"),
               (base64.b16decode, b"ab"), (base64.a85decode, b"<~abc"), (base64.b85decode, b"|||||"), (base64.b64encode, "str"),
               (base64.b32decode, b"MZXW6==="[:-1]), (base64.a85decode, b"z z")]:
    try:
        print(f(arg))
    except Exception as e:
        print(type(e).__name__, e)
try:
    base64.b64decode(b"Zm9v!", validate=True)
except Exception as e:
    print(type(e).__name__, e)
