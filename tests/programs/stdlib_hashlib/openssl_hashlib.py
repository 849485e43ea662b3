# _hashlib (OpenSSL): new, the openssl_* constructors, HASH/HASHXOF, pbkdf2_hmac, scrypt,
# HMAC objects and hmac_digest through the hmac module, and the errors of each.
import _hashlib as h, hashlib, hmac
print(sorted(h.openssl_md_meth_names))
print(sorted(hashlib.algorithms_available))
print(hashlib.sha256(b'abc').hexdigest(), type(hashlib.sha256()).__name__, hashlib.md5 is h.openssl_md5)
for n in sorted(hashlib.algorithms_available):
    x = hashlib.new(n, b'hello')
    y = x.copy(); y.update(b' world')
    if n.startswith('shake'):
        print(n, x.name, x.digest_size, x.block_size, x.hexdigest(10), y.digest(5))
    else:
        print(n, x.name, x.digest_size, x.block_size, x.hexdigest(), y.digest()[:5])
print(h.new('SHA256').name, h.new('sha3-256').name)
print(hashlib.pbkdf2_hmac('sha256', b'password', b'salt', 1000).hex())
print(hashlib.pbkdf2_hmac('sha1', b'password', b'salt', 2, 40).hex())
print(hashlib.scrypt(b'password', salt=b'NaCl', n=1024, r=8, p=16, dklen=64).hex())
m = hmac.new(b'key', b'The quick brown fox', 'sha256'); print(m.name, m.digest_size, m.block_size, m.hexdigest())
m2 = m.copy(); m2.update(b'!'); print(m.hexdigest() != m2.hexdigest(), m2.hexdigest())
print(hmac.digest(b'k'*200, b'msg', 'sha512').hex())
print(hmac.new(b'k', b'm', hashlib.sha1).hexdigest(), type(hmac.new(b'k', b'm', hashlib.sha1)._hmac).__name__)
print(hmac.new(b'k', b'm', 'md5')._hmac.name, hmac.compare_digest(b'a', b'a'), h.compare_digest('ab', 'ac'))
print(h.get_fips_mode(), type(h._constructors).__name__, len(h._constructors))
print(h.UnsupportedDigestmodError.__mro__)
print(repr(h.new('md5'))[:22], repr(h.hmac_new(b'', digestmod='md5'))[:20])
for bad in [lambda: h.hmac_new(b'k', b'', 'shake_128'), lambda: h.hmac_new(b'k', b''), lambda: h.hmac_new(b'k', b'', None), lambda: h.hmac_new('k', b'', 'md5'),lambda: h.hmac_digest(b'k', b'', 'shake_128'),
 lambda: h.scrypt(b'p', n=2, r=1, p=1), lambda: h.scrypt(b'p', salt=b's', r=1, p=1), lambda: h.scrypt(b'p', salt=b's', n=2, p=1),lambda: h.scrypt(b'p', salt=b's', n=2, r=1),lambda: h.scrypt(b'p', salt=b's', n=2, r=1, p=1, maxmem=-1),lambda: h.scrypt(b'p', salt=b's', n=2**20, r=8, p=1),lambda: h.scrypt(b'p', salt=b's', n=2, r=1, p=1).hex(), lambda: h.scrypt(b'p', salt=b's', n=1, r=1, p=1), lambda: h.scrypt(b'p', salt=b's', n=2, r=0, p=1), lambda: h.scrypt(b'p', salt=b's', n=2, r=1, p=1, dklen=0),
 lambda: h.pbkdf2_hmac('sha1', b'p', b's', 0), lambda: h.pbkdf2_hmac('sha1', b'p', b's', 2**31), lambda: h.pbkdf2_hmac('sha1', b'p', b's', 1, 0), lambda: h.pbkdf2_hmac('sha1', b'p', b's', 1, 2**31), lambda: h.pbkdf2_hmac('sha1', 'p', b's', 1), lambda: h.pbkdf2_hmac(b'sha1', b'p', b's', 1), lambda: h.pbkdf2_hmac('foo', b'p', b's', 1),
 lambda: h.new('foo'), lambda: h.new(b'md5'), lambda: h.openssl_sha256(b'', usedforsecurity=False).hexdigest(), lambda: h.HASH(), lambda: h.HASHXOF(), lambda: h.HMAC(), lambda: h.new('md5').copy(1), lambda: h.new('shake_128').digest(), lambda: h.new('shake_128').digest(-1), lambda: h.compare_digest('a', b'a'), lambda: h.hmac_new(b'k',b'','md5').update('x'), lambda: h.new('md4'), lambda: h.new('sha256').update(), lambda: h.openssl_sha256('x'), lambda: h.new('md5', b'a', string=b'b')]:
  try: print(repr(bad()))
  except Exception as e: print(type(e).__name__, e)
