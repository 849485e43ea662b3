# SNI callbacks (switching the context, returning an alert, raising, a
# wrong return type), _ssl.Certificate (get_info, public_bytes, ==, hash,
# repr) from get_verified_chain/get_unverified_chain, and the
# DeprecationWarnings of old protocols and OP_NO_* options; all over
# MemoryBIOs in one process.
import os
import sys
import ssl
import warnings
import _ssl
import test

CERTDIR = os.path.join(os.path.dirname(test.__file__), 'certdata')
SIGNED = os.path.join(CERTDIR, 'keycert3.pem')
SIGNED4 = os.path.join(CERTDIR, 'keycert4.pem')
CA = os.path.join(CERTDIR, 'pycacert.pem')


def server_context(cert=SIGNED):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert)
    return ctx


def client_context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(CA)
    ctx.check_hostname = False
    return ctx


def handshake(cctx, sctx, name):
    bios = [ssl.MemoryBIO() for _ in range(4)]
    c = cctx.wrap_bio(bios[0], bios[1], server_hostname=name)
    s = sctx.wrap_bio(bios[2], bios[3], server_side=True)
    for _ in range(10):
        done = 0
        for obj in (c, s):
            try:
                obj.do_handshake()
                done += 1
            except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
                pass
        bios[2].write(bios[1].read())
        bios[0].write(bios[3].read())
        if done == 2:
            break
    return c, s


def common_name(c):
    subject = dict(x[0] for x in c.getpeercert()['subject'])
    return subject['commonName']


def show_unraisable(u):
    print('  unraisable:', u.exc_type.__name__, type(u.object).__name__)


unraisables = []
sys.unraisablehook = unraisables.append

# 1. The callback switches the connection to another context.
calls = []
sctx, other = server_context(), server_context(SIGNED4)


def switch(sslobj, server_name, initial):
    calls.append((type(sslobj).__name__, server_name, initial is sctx))
    if server_name is not None:
        sslobj.context = other


sctx.sni_callback = switch
c, s = handshake(client_context(), sctx, 'supermessage')
print('switched:', calls, common_name(c), s.context is other)
calls.clear()
c, s = handshake(client_context(), sctx, None)
print('no name:', calls, common_name(c))

# 2. An alert code, an exception, a wrong return type.
for cb in (lambda *a: ssl.ALERT_DESCRIPTION_ACCESS_DENIED, lambda *a: 1 / 0, lambda *a: 'foo'):
    sctx = server_context()
    sctx.sni_callback = cb
    unraisables.clear()
    try:
        handshake(client_context(), sctx, 'supermessage')
    except ssl.SSLError as e:
        print('failed:', type(e).__name__, e.reason)
    for u in unraisables:
        show_unraisable(u)

# 3. Setting the callback.
for bad in (4, '', ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)):
    try:
        server_context().set_servername_callback(bad)
    except TypeError as e:
        print('TypeError:', e)
try:
    ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).sni_callback = print
except ValueError as e:
    print('ValueError:', e)

# 4. Certificates of the chains.
c, s = handshake(client_context(), server_context(), 'localhost')
verified = c._sslobj.get_verified_chain()
unverified = c._sslobj.get_unverified_chain()
print(len(verified), len(unverified), s._sslobj.get_unverified_chain(), s._sslobj.get_verified_chain())
leaf, ca = verified
print(repr(leaf))
print(repr(ca))
print(type(leaf) is _ssl.Certificate, leaf == unverified[0], leaf != ca, leaf == ca, leaf == 1)
print(hash(leaf) == hash(unverified[0]), hash(leaf) != hash(ca))
print(leaf.get_info()['subject'], leaf.get_info() == c.getpeercert())
pem = leaf.public_bytes()
der = leaf.public_bytes(_ssl.ENCODING_DER)
print(pem.splitlines()[0], type(der).__name__, ssl.DER_cert_to_PEM_cert(der) == pem)
print(leaf.public_bytes(format=_ssl.ENCODING_PEM) == pem)
try:
    leaf.public_bytes(3)
except ValueError as e:
    print('ValueError:', e)
try:
    _ssl.Certificate()
except TypeError as e:
    print('TypeError:', e)

# 5. Deprecations.
warnings.simplefilter('always')
with warnings.catch_warnings(record=True) as ws:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.options |= ssl.OP_NO_TLSv1
    ctx.options |= ssl.OP_NO_TLSv1
    ctx.options |= ssl.OP_NO_TICKET
    ctx.minimum_version = ssl.TLSVersion.TLSv1_1
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ssl.SSLContext(ssl.PROTOCOL_TLS)
    ssl.SSLContext(ssl.PROTOCOL_TLSv1_2)
for w in ws:
    print(w.category.__name__, w.message, os.path.basename(w.filename) == os.path.basename(__file__))
