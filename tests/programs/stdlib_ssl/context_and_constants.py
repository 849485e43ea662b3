# ssl's module surface over _ssl: constants, version info, the default
# verify paths, contexts and their settings with CPython's defaults and
# errors, the certificate dict of _test_decode_cert, txt2obj/nid2obj and
# RAND_*.
import os
import ssl
import test
import _ssl

CERTDIR = os.path.join(os.path.dirname(test.__file__), 'certdata')

for name in sorted(dir(_ssl)):
    if 'OPENSSL_' in name and 'VERSION' in name:
        # The linked OpenSSL's version changes with the machine's updates: its shape only.
        value = getattr(_ssl, name)
        print(name, type(value).__name__, len(value) if isinstance(value, tuple) else '')
    elif name.isupper() or name.startswith(('OP_', 'PROTOCOL_', 'ALERT_', 'VERIFY_', 'HAS_', 'CERT_', 'PROTO_', 'SSL_ERROR_', 'HOSTFLAG_')):
        print(name, getattr(_ssl, name))
print(_ssl._DEFAULT_CIPHERS)
print(ssl.OPENSSL_VERSION.split()[0], ssl.OPENSSL_VERSION_INFO[:1], type(ssl.OPENSSL_VERSION_NUMBER).__name__)
print(ssl.OPENSSL_VERSION_NUMBER >> 28 == ssl.OPENSSL_VERSION_INFO[0], '%d.%d.' % ssl.OPENSSL_VERSION_INFO[:2] in ssl.OPENSSL_VERSION)
print(ssl.get_default_verify_paths())
print(_ssl.get_default_verify_paths())
print(ssl.Options.OP_ALL, ssl.TLSVersion.TLSv1_2, ssl.VerifyMode.CERT_REQUIRED)
print([c.__name__ for c in ssl.SSLCertVerificationError.__mro__])
print(ssl.SSLError.__module__, ssl.SSLZeroReturnError.__doc__)
print(len(_ssl.err_codes_to_names) > 1000, _ssl.err_codes_to_names[(20, 134)], _ssl.err_names_to_codes['CERTIFICATE_VERIFY_FAILED'], _ssl.lib_codes_to_names[20])

for proto in (ssl.PROTOCOL_TLS_CLIENT, ssl.PROTOCOL_TLS_SERVER):
    ctx = ssl.SSLContext(proto)
    print(ctx.protocol, ctx.verify_mode, ctx.check_hostname, ctx.options, ctx.minimum_version,
          ctx.maximum_version, ctx.verify_flags, ctx.security_level, ctx.post_handshake_auth,
          ctx.keylog_filename, ctx.sni_callback, ctx.hostname_checks_common_name)
    print(ctx.session_stats(), ctx.cert_store_stats(), ctx.get_ca_certs())
    ciphers = ctx.get_ciphers()
    print(len(ciphers), ciphers[0], sorted(ciphers[-1]))

ctx = ssl.create_default_context()
print(ctx.verify_mode, ctx.check_hostname, ctx.cert_store_stats()['x509_ca'] > 0)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.minimum_version = ssl.TLSVersion.TLSv1_3
ctx.maximum_version = ssl.TLSVersion.MAXIMUM_SUPPORTED
print(ctx.minimum_version, ctx.maximum_version)
ctx.options |= ssl.OP_NO_TICKET
ctx.options &= ~ssl.OP_NO_COMPRESSION
print(ctx.options)
ctx.verify_flags |= ssl.VERIFY_X509_STRICT
print(ctx.verify_flags)
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_OPTIONAL
print(ctx.verify_mode, ctx.check_hostname)
ctx.check_hostname = True
print(ctx.verify_mode)
ctx.hostname_checks_common_name = True
print(ctx.hostname_checks_common_name)
ctx.load_verify_locations(os.path.join(CERTDIR, 'pycacert.pem'))
with open(os.path.join(CERTDIR, 'keycert.pem')) as f:
    pem = f.read()
ctx.load_verify_locations(cadata=pem)
ctx.load_verify_locations(cadata=ssl.PEM_cert_to_DER_cert(pem[pem.index('-----BEGIN CERTIFICATE'):]))
print(ctx.cert_store_stats(), len(ctx.get_ca_certs()), ctx.get_ca_certs()[0]['subject'])
ctx.set_ciphers('ECDHE+AESGCM')
print(len(ctx.get_ciphers()))
sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.load_cert_chain(os.path.join(CERTDIR, 'keycert.passwd.pem'), password='somepass')
sctx.load_cert_chain(os.path.join(CERTDIR, 'keycert.passwd.pem'), password=lambda: b'somepass')
sctx.load_cert_chain(os.path.join(CERTDIR, 'ssl_cert.pem'), os.path.join(CERTDIR, 'ssl_key.pem'))
sctx.num_tickets = 1
print(sctx.num_tickets)

def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

err(lambda: ssl.SSLContext(99))
err(lambda: setattr(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT), 'verify_mode', ssl.CERT_NONE))
err(lambda: setattr(ctx, 'verify_mode', 5))
err(lambda: ctx.load_verify_locations())
err(lambda: ctx.load_verify_locations('/nonexistent/ca.pem'))
err(lambda: ctx.load_verify_locations(cadata=5))
err(lambda: ctx.load_verify_locations(cadata='no certificate here'))
err(lambda: ctx.load_cert_chain('/nonexistent/cert.pem'))
err(lambda: ctx.set_ciphers('NOTHING-AT-ALL'))
err(lambda: setattr(ctx, 'num_tickets', 1))
err(lambda: setattr(ctx, 'minimum_version', 42))
err(lambda: ctx.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO()))

for name in ('keycert.pem', 'allsans.pem', 'nokia.pem', 'nullbytecert.pem', 'pycacert.pem'):
    print(name, _ssl._test_decode_cert(os.path.join(CERTDIR, name)))
err(lambda: _ssl._test_decode_cert('/nonexistent'))
err(lambda: _ssl._test_decode_cert(os.path.join(CERTDIR, 'badcert.pem')))

print(_ssl.txt2obj('1.3.6.1.5.5.7.3.1'), _ssl.txt2obj('serverAuth', name=True), _ssl.nid2obj(129))
print(ssl.Purpose.SERVER_AUTH, ssl.Purpose.CLIENT_AUTH.oid)
err(lambda: _ssl.txt2obj('serverAuth'))
err(lambda: _ssl.nid2obj(0))
err(lambda: _ssl.nid2obj(99999))
print(len(ssl.RAND_bytes(16)), ssl.RAND_status(), ssl.RAND_add(b'seed', 1.0), ssl.RAND_add('seed', 2))
err(lambda: ssl.RAND_bytes(-1))

# Errors of load_cert_chain/load_verify_locations/load_dh_params (errno,
# library, reason as CPython sets them).
sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
for f in [lambda: sctx.load_cert_chain(os.path.join(CERTDIR, 'badcert.pem')),
          lambda: sctx.load_cert_chain(os.path.join(CERTDIR, 'keycert.passwd.pem'), password='bad'),
          lambda: sctx.load_cert_chain(os.path.join(CERTDIR, 'ssl_cert.pem'), os.path.join(CERTDIR, 'keycert2.pem')),
          lambda: sctx.load_verify_locations(os.path.join(CERTDIR, 'badcert.pem')),
          lambda: sctx.load_dh_params(os.path.join(CERTDIR, 'badcert.pem')),
          lambda: sctx.load_cert_chain(os.path.join(CERTDIR, 'keycert.passwd.pem'), password=lambda: 5),
          lambda: sctx.load_cert_chain(os.path.join(CERTDIR, 'keycert.passwd.pem'), password=5)]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e.args, getattr(e, 'library', None), getattr(e, 'reason', None))
sctx.load_dh_params(os.path.join(CERTDIR, 'ffdh3072.pem'))
sctx.set_ecdh_curve('prime256v1')
err(lambda: sctx.set_ecdh_curve('nonsense'))
