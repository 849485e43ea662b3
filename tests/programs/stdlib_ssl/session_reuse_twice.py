# One SSLSession resumed by several TLS 1.2 connections in turn, each
# ended without a close_notify (the objects are just dropped): OpenSSL
# marks the session a connection holds not resumable then, so the
# session object must stay resumable for the next connection.
import gc
import os
import ssl
import test

CERT = os.path.join(os.path.dirname(test.__file__), 'certdata', 'keycert.pem')

sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.load_cert_chain(CERT)
cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
cctx.check_hostname = False
cctx.verify_mode = ssl.CERT_NONE
cctx.maximum_version = ssl.TLSVersion.TLSv1_2


def connect(session=None):
    c_in, c_out, s_in, s_out = (ssl.MemoryBIO() for _ in range(4))
    c = cctx.wrap_bio(c_in, c_out, server_hostname='localhost', session=session)
    s = sctx.wrap_bio(s_in, s_out, server_side=True)
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
            break
    return c.session, c.session_reused


first, reused = connect()
gc.collect()
print('first', reused, first.has_ticket, first.ticket_lifetime_hint > 0)
for i in range(4):
    use = first if i % 2 == 0 else None
    sess, reused = connect(use)
    gc.collect()
    print(i, 'with session' if use else 'fresh', reused, sess == first, sess.id == first.id)
stats = sctx.session_stats()
print(stats['accept'], stats['hits'])
