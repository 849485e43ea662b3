# SSLContext._msg_callback (OpenSSL's message callback) over MemoryBIOs:
# what it is called with, an exception it raises (raised after the
# operation, or chained as the __context__ of the operation's own error),
# and TLS 1.2 session resumption: SSLSession objects, session= on wrap,
# session_reused and the server's session_stats().
import os
import ssl
import test

CERTDIR = os.path.join(os.path.dirname(test.__file__), 'certdata')
CERT = os.path.join(CERTDIR, 'keycert.pem')


def contexts(max_version=None):
    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(CERT)
    cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    cctx.check_hostname = False
    cctx.verify_mode = ssl.CERT_NONE
    if max_version:
        cctx.maximum_version = max_version
    return cctx, sctx


def pair(cctx, sctx, session=None):
    bios = [ssl.MemoryBIO() for _ in range(4)]
    c = cctx.wrap_bio(bios[0], bios[1], server_hostname='localhost', session=session)
    s = sctx.wrap_bio(bios[2], bios[3], server_side=True)
    return c, s, bios


def handshake(c, s, bios):
    c_in, c_out, s_in, s_out = bios
    for _ in range(10):
        done = 0
        for obj in (c, s):
            try:
                obj.do_handshake()
                done += 1
            except ssl.SSLWantReadError:
                pass
        s_in.write(c_out.read())
        c_in.write(s_out.read())
        if done == 2:
            return


# 1. The setter: a callable, None, or TypeError.
cctx, sctx = contexts()
print(cctx._msg_callback)
def noop(*args):
    pass
cctx._msg_callback = noop
print(cctx._msg_callback is noop)
try:
    cctx._msg_callback = 42
except TypeError as e:
    print('TypeError:', e)
cctx._msg_callback = None
print(cctx._msg_callback)
raw = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
try:
    ssl._ssl._SSLContext._msg_callback.__set__(raw, 42)
except TypeError as e:
    print('TypeError:', e)

# 2. What a TLS 1.2 handshake reports, on both sides.
for max_version in (ssl.TLSVersion.TLSv1_2, None):
    cctx, sctx = contexts(max_version)
    seen = {'client': [], 'server': []}

    def recorder(side):
        def cb(conn, direction, version, content_type, msg_type, data):
            assert isinstance(conn, ssl.SSLObject), conn
            assert isinstance(data, bytes)
            seen[side].append((direction, version, content_type, msg_type))
        return cb

    cctx._msg_callback = recorder('client')
    sctx._msg_callback = recorder('server')
    c, s, bios = pair(cctx, sctx)
    handshake(c, s, bios)
    print(c.version())
    for side in ('client', 'server'):
        msgs = seen[side]
        print(side, len(msgs) > 5)
        for m in [('write', ssl.TLSVersion.TLSv1_2, ssl._TLSContentType.CHANGE_CIPHER_SPEC,
                   ssl._TLSContentType.CHANGE_CIPHER_SPEC),
                  ('read', ssl.TLSVersion.TLSv1_2, ssl._TLSContentType.HANDSHAKE,
                   ssl._TLSMessageType.SERVER_KEY_EXCHANGE),
                  ('write', ssl.TLSVersion.TLSv1_2, ssl._TLSContentType.HANDSHAKE,
                   ssl._TLSMessageType.CLIENT_HELLO),
                  ('read', ssl.TLSVersion.TLSv1_3, ssl._TLSContentType.HANDSHAKE,
                   ssl._TLSMessageType.ENCRYPTED_EXTENSIONS),
                  ('write', ssl.TLSVersion.TLSv1_3, ssl._TLSContentType.HANDSHAKE,
                   ssl._TLSMessageType.FINISHED)]:
            print(' ', m in msgs, m[0], m[1].name, m[2].name, m[3].name)
        headers = [m for m in msgs if m[2] == ssl._TLSContentType.HEADER]
        print('  headers', len(headers) > 0, all(isinstance(m[3], ssl._TLSContentType) for m in headers))

# 3. An exception in the callback: raised once the operation is done, or
# the __context__ of the operation's own error.
cctx, sctx = contexts()
calls = []
def failing(conn, direction, version, content_type, msg_type, data):
    calls.append(direction)
    raise ZeroDivisionError('in the callback')
cctx._msg_callback = failing
c, s, bios = pair(cctx, sctx)
try:
    c.do_handshake()
except ssl.SSLWantReadError as e:
    print(type(e).__name__, type(e.__context__).__name__, e.__context__)
print(calls[:1])

cctx, sctx = contexts()
sctx._msg_callback = failing
c, s, bios = pair(cctx, sctx)
for _ in range(5):
    for name, obj in (('client', c), ('server', s)):
        try:
            obj.do_handshake()
            print(name, 'done')
        except ssl.SSLWantReadError as e:
            print(name, 'SSLWantReadError', type(e.__context__).__name__)
        except ZeroDivisionError as e:
            print(name, 'ZeroDivisionError', e, e.__context__)
    bios[2].write(bios[1].read())
    bios[0].write(bios[3].read())
print(c.version(), s.version())

# 4. TLS 1.2 session resumption.
cctx, sctx = contexts(ssl.TLSVersion.TLSv1_2)
c, s, bios = pair(cctx, sctx)
print(c.session, c.session_reused)
handshake(c, s, bios)
session = c.session
print(type(session).__name__, len(session.id), session.has_ticket, session.timeout > 0,
      session.ticket_lifetime_hint > 0, c.session_reused)
print(sorted(sctx.session_stats().items()))
del c, s
for use_session in (True, False, True):
    c, s, bios = pair(cctx, sctx, session=session if use_session else None)
    handshake(c, s, bios)
    print(use_session, c.session_reused, s.session_reused, c.session == session, c.session is session,
          c.session.id == session.id)
    stats = sctx.session_stats()
    print(' ', stats['accept'], stats['hits'], stats['accept_good'])
    del c, s
c, s, bios = pair(cctx, sctx)
c.session = session
handshake(c, s, bios)
print('set before the handshake:', c.session_reused)
try:
    c.session = session
except ValueError as e:
    print('ValueError:', e)
other, _ = contexts(ssl.TLSVersion.TLSv1_2)
c2, s2, bios2 = pair(other, sctx)
try:
    c2.session = session
except ValueError as e:
    print('ValueError:', e)
try:
    c2.session = 'nope'
except TypeError as e:
    print('TypeError:', e)
try:
    s2.session = session
except ValueError as e:
    print('ValueError:', e)
