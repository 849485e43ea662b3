# pickle.PickleBuffer (PEP 574): the wrapper itself, and buffers pickled
# in band and out of band (buffer_callback= / buffers=), read-only and
# writable, through _pickle and pickle.py.
import gc
import io
import pickle
import weakref
from pickle import PickleBuffer

pb = PickleBuffer(b"foo")
print(bytes(pb), memoryview(pb).readonly, memoryview(pb).tobytes(), type(pb).__module__, type(pb).__name__)
with pb.raw() as m:
    print(m.format, m.shape, m.readonly, m.tobytes())
ba = bytearray(b"foo")
pb2 = PickleBuffer(ba)
with memoryview(pb2) as m:
    m[0] = 48
print(ba, bytes(pb2))
try:
    ba.append(1)
except BufferError as e:
    print("BufferError", e)
pb2.release()
pb2.release()
ba.append(1)
print(ba)
for f in (lambda: memoryview(pb2), lambda: pb2.raw(), lambda: bytes(pb2), lambda: PickleBuffer(),
          lambda: PickleBuffer("foo"), lambda: PickleBuffer(b"a", b"b"), lambda: PickleBuffer(buffer=b"x")):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
m = memoryview(b"foo")
m.release()
try:
    PickleBuffer(m)
except ValueError as e:
    print("ValueError", e)
arr = memoryview(bytearray(range(12))).cast("i")
print(memoryview(PickleBuffer(arr)).format, memoryview(PickleBuffer(arr)).shape, PickleBuffer(arr).raw().shape)
try:
    PickleBuffer(memoryview(b"abcdef")[::2]).raw()
except BufferError as e:
    print("BufferError", e)
try:
    class Sub(PickleBuffer):
        pass
except TypeError as e:
    print("TypeError", e)


class B(bytes):
    pass


b = B(b"cycle")
pb = PickleBuffer(b)
b.cycle = pb
w = weakref.ref(pb)
del b, pb
gc.collect()
print("collected", w() is None)

for dumps, loads in ((pickle.dumps, pickle.loads), (pickle._dumps, pickle._loads)):
    for proto in range(6):
        for data in (b"in band", bytearray(b"writable")):
            try:
                s = dumps(PickleBuffer(data), proto)
                print(proto, s, loads(s))
            except Exception as e:
                print(proto, type(e).__name__, e)
    bufs = []
    s = dumps([PickleBuffer(b"ro"), PickleBuffer(bytearray(b"rw"))], 5, buffer_callback=bufs.append)
    print(s, [type(b).__name__ for b in bufs])
    got = loads(s, buffers=bufs)
    print([(type(x).__name__, bytes(x), memoryview(x).readonly) for x in got])
    for bad in (None, []):
        try:
            loads(s, buffers=bad)
        except Exception as e:
            print(type(e).__name__, e)
    s = dumps([PickleBuffer(b"x")], 5, buffer_callback=lambda b: True)
    print(s, loads(s))
    try:
        dumps(PickleBuffer(memoryview(b"abcdef")[::2]), 5)
    except Exception as e:
        print(type(e).__name__, e)
