import _uuid
import uuid

print(_uuid.has_uuid_generate_time_safe, sorted(n for n in dir(_uuid) if not n.startswith("__")))
raw, safe = _uuid.generate_time_safe()
print(type(raw), len(raw), safe)
u = uuid.UUID(bytes=raw)
print(u.version, u.variant)
a, b = uuid.uuid1(), uuid.uuid1()
print(a.version, a.variant, a != b, a.node == b.node, a.time <= b.time, a.is_safe)
node = uuid.getnode()
print(node == uuid.getnode(), 0 <= node < 2**48)
print(uuid.uuid3(uuid.NAMESPACE_DNS, "python.org"), uuid.uuid5(uuid.NAMESPACE_URL, "x"))
print(uuid.uuid4().version, uuid.UUID("12345678123456781234567812345678").hex)
seen = {uuid.uuid1() for _ in range(1000)}
print(len(seen))
try:
    _uuid.generate_time_safe(1)
except TypeError as e:
    print("TypeError", e)
