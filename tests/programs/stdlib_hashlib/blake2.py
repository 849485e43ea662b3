# _blake2: blake2b and blake2s with every parameter.
import _blake2
from _blake2 import blake2b, blake2s


def check(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ok", r)


print(sorted(k for k in dir(_blake2) if k.isupper()), [getattr(_blake2, k) for k in sorted(dir(_blake2)) if k.isupper()])
for T in (blake2b, blake2s):
    print(T, T.SALT_SIZE, T.PERSON_SIZE, T.MAX_KEY_SIZE, T.MAX_DIGEST_SIZE)
    h = T()
    print(h.name, h.digest_size, h.block_size, h.hexdigest())
    print(T(b"abc").hexdigest())
    print(T(b"abc", digest_size=20).hexdigest(), T(b"abc", digest_size=1).hexdigest())
    print(T(b"abc", key=b"secret").hexdigest())
    print(T(b"abc", key=b"k" * T.MAX_KEY_SIZE, digest_size=7).hexdigest())
    print(T(b"abc", salt=b"salt").hexdigest(), T(b"abc", salt=b"s" * T.SALT_SIZE).hexdigest())
    print(T(b"abc", person=b"me").hexdigest(), T(b"abc", person=b"p" * T.PERSON_SIZE).hexdigest())
    print(T(b"abc", fanout=0, depth=255, leaf_size=2**32 - 1, node_offset=5, node_depth=3,
            inner_size=T.MAX_DIGEST_SIZE, last_node=True).hexdigest())
    print(T(b"abc", fanout=2, depth=2, leaf_size=4096, node_offset=1, node_depth=0,
            inner_size=T.MAX_DIGEST_SIZE, last_node=False).hexdigest())
    print(T(b"abc", node_offset=2**40 if T is blake2b else 2**40, last_node=True).hexdigest())
    print(T(bytearray(b"abc"), usedforsecurity=False).hexdigest() == T(memoryview(b"abc")).hexdigest())
    h = T(b"a" * 1000)
    c = h.copy()
    c.update(b"more")
    print(h.hexdigest(), c.hexdigest())
    big = bytes(i % 253 for i in range(200001))
    h2 = T()
    for i in range(0, len(big), 777):
        h2.update(big[i:i + 777])
    print(T(big).hexdigest() == h2.hexdigest(), h2.hexdigest())
    check(lambda: T(data=b"x"))
    check(lambda: T("x"))
    check(lambda: T().update("x"))
    check(lambda: T(1))
    check(lambda: T(digest_size=0))
    check(lambda: T(digest_size=T.MAX_DIGEST_SIZE + 1))
    check(lambda: T(digest_size=-1))
    check(lambda: T(digest_size=1.0))
    check(lambda: T(key=b"k" * (T.MAX_KEY_SIZE + 1)))
    check(lambda: T(key="k"))
    check(lambda: T(salt=b"s" * (T.SALT_SIZE + 1)))
    check(lambda: T(person=b"p" * (T.PERSON_SIZE + 1)))
    check(lambda: T(fanout=-1))
    check(lambda: T(fanout=256))
    check(lambda: T(depth=0))
    check(lambda: T(depth=256))
    check(lambda: T(leaf_size=-1))
    check(lambda: T(leaf_size=2**32))
    check(lambda: T(node_offset=-1))
    check(lambda: T(node_offset=2**64))
    check(lambda: T(node_offset=2**48).hexdigest())
    check(lambda: T(node_offset=2**48 - 1).hexdigest())
    check(lambda: T(leaf_size=1.5))
    check(lambda: T(node_offset="1"))
    check(lambda: T(salt="s"))
    check(lambda: T(node_depth=-1))
    check(lambda: T(node_depth=256))
    check(lambda: T(inner_size=-1))
    check(lambda: T(inner_size=T.MAX_DIGEST_SIZE + 1))
    check(lambda: T(last_node=2).hexdigest() == T(last_node=True).hexdigest())
    check(lambda: T(b"", b""))
    check(lambda: T(foo=1))
    check(lambda: T().digest(1))
    check(lambda: T().copy(1))
    check(lambda: T().update())

    check(lambda: type("Sub", (T,), {}))
    check(lambda: T.__new__(T, b"abc").hexdigest())
