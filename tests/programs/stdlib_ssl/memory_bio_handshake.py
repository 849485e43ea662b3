# TLS between two SSLObjects over MemoryBIOs in one process: a failed
# verification against an untrusted self-signed certificate (CPython's
# SSLCertVerificationError), then a trusted handshake, data both ways,
# getpeercert, cipher/version/ALPN, and the close_notify exchange.
import os
import ssl
import test

CERTDIR = os.path.join(os.path.dirname(test.__file__), 'certdata')
CERT = os.path.join(CERTDIR, 'keycert.pem')


def server_context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(CERT)
    return ctx


def pair(cctx, sctx, hostname='localhost'):
    bios = [ssl.MemoryBIO() for _ in range(4)]
    c = cctx.wrap_bio(bios[0], bios[1], server_hostname=hostname)
    s = sctx.wrap_bio(bios[2], bios[3], server_side=True)
    return c, s, bios


def transfer(bios):
    c_in, c_out, s_in, s_out = bios
    s_in.write(c_out.read())
    c_in.write(s_out.read())


def handshake(c, s, bios):
    wants = 0
    for _ in range(10):
        done = 0
        for obj in (c, s):
            try:
                obj.do_handshake()
                done += 1
            except ssl.SSLWantReadError as e:
                wants += 1
                assert e.args[0] == ssl.SSL_ERROR_WANT_READ, e.args
        transfer(bios)
        if done == 2:
            break
    return wants > 0


def show_error(e):
    print(type(e).__name__, e.args)
    print('  str:', e)
    print('  library/reason:', e.library, e.reason)
    if isinstance(e, ssl.SSLCertVerificationError):
        print('  verify:', e.verify_code, e.verify_message)


# 1. The default context does not trust the self-signed server certificate.
c, s, bios = pair(ssl.create_default_context(), server_context())
try:
    handshake(c, s, bios)
except ssl.SSLError as e:
    show_error(e)

# 2. The wrong host name.
cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
cctx.load_verify_locations(CERT)
c, s, bios = pair(cctx, server_context(), hostname='example.org')
try:
    handshake(c, s, bios)
except ssl.SSLCertVerificationError as e:
    show_error(e)

# 3. Trusted: the handshake completes.
sctx = server_context()
sctx.set_alpn_protocols(['h2', 'http/1.1'])
cctx.set_alpn_protocols(['spam', 'http/1.1'])
c, s, bios = pair(cctx, sctx)
print('version before:', c.version(), c.cipher())
print('wanted reads:', handshake(c, s, bios))
print('version:', c.version(), s.version())
print('cipher:', c.cipher(), s.cipher() == c.cipher())
print('alpn:', c.selected_alpn_protocol(), s.selected_alpn_protocol())
print('compression:', c.compression())
print('server_side:', c.server_side, s.server_side, c.server_hostname, s.server_hostname)
print('peer cert:', c.getpeercert())
der = c.getpeercert(binary_form=True)
print('der:', type(der).__name__, len(der), ssl.DER_cert_to_PEM_cert(der).splitlines()[0])
print('server sees no client cert:', s.getpeercert())
cb = c.get_channel_binding('tls-unique')
print('channel binding:', type(cb).__name__, len(cb) if cb else cb)
shared = s.shared_ciphers()
print('shared ciphers:', type(shared).__name__, len(shared) > 0, c.shared_ciphers())

# Data both ways.
try:
    c.read(10)
except ssl.SSLWantReadError as e:
    print('read before data:', e.args)
print(c.write(b'hello server'), c.pending())
transfer(bios)
print(s.read(5), s.pending(), s.read(100))
s.write(b'x' * 20000)
transfer(bios)
got = b''
while len(got) < 20000:
    got += c.read(4096)
print('client got', len(got), set(got))
buf = bytearray(8)
s.write(b'into buffer')
transfer(bios)
print(c.read(8, buf), buf, c.read(100))

# Closing: the server sends close_notify, the client answers.
try:
    s.unwrap()
except ssl.SSLWantReadError as e:
    print('unwrap wants the peer:', e.args)
transfer(bios)
print('client reads after close_notify:', c.read(10))
c.unwrap()
transfer(bios)
print('server unwrap:', s.unwrap())

# 4. Garbage instead of TLS.
c, s, bios = pair(cctx, server_context())
bios[2].write(b'GET / HTTP/1.0\r\n\r\n' * 4)
try:
    s.do_handshake()
except ssl.SSLError as e:
    show_error(e)

# 5. The peer goes away in the middle of the handshake.
c, s, bios = pair(cctx, server_context())
bios[0].write_eof()
for step in (c.do_handshake, lambda: c.write(b'x')):
    try:
        step()
    except ssl.SSLError as e:
        show_error(e)

# MemoryBIO itself.
b = ssl.MemoryBIO()
print(b.pending, b.eof, b.write(b'abc'), b.read(1), b.read(), b.read(), b.pending)
b.write(b'z')
b.write_eof()
print(b.eof, b.read(), b.eof)
for f in (lambda: b.write(b'x'), lambda: b.write('x'), lambda: ssl.MemoryBIO(1)):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
