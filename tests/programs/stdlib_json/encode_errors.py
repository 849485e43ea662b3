# Errors of _json's encoder: CPython's exceptions and messages.
import json
import json.encoder

def show(f):
    try:
        print('OK', f())
    except Exception as e:
        print(type(e).__name__, e)

show(lambda: json.dumps(float('nan'), allow_nan=False))
show(lambda: json.dumps([1, float('inf')], allow_nan=False))
show(lambda: json.dumps({float('-inf'): 1}, allow_nan=False))
show(lambda: json.dumps({1j: 1}))
show(lambda: json.dumps({(1,): 1}))
show(lambda: json.dumps({'a': 1, 1: 'a'}, sort_keys=True))
show(lambda: json.dumps(object()))
show(lambda: json.dumps([1, b'bytes']))
show(lambda: json.dumps({'k': {1, 2}}))
l = []
l.append(l)
show(lambda: json.dumps(l))
d = {}
d['self'] = d
show(lambda: json.dumps(d))
show(lambda: json.dumps(l, check_circular=False))

class Loop:
    pass
show(lambda: json.dumps(Loop(), default=lambda o: o))
show(lambda: json.dumps(Loop(), default=lambda o: [o]))
show(lambda: json.dumps(Loop(), default=lambda o: [o], check_circular=False))

deep = []
for _ in range(100000):
    deep = [deep]
show(lambda: json.dumps(deep))
deepd = {}
for _ in range(100000):
    deepd = {'a': deepd}
show(lambda: json.dumps(deepd))

class BadItems(dict):
    def items(self):
        return [(1, 2, 3)]
show(lambda: json.dumps(BadItems(a=1)))
class NonIterItems(dict):
    def items(self):
        return 5
show(lambda: json.dumps(NonIterItems(a=1)))

E = json.encoder.c_make_encoder
show(lambda: E(1, str, str, None, ':', ',', False, False, False))
show(lambda: E([], str, str, None, ':', ',', False, False, False))
show(lambda: E(None, str, str, None, 1, ',', False, False, False))
show(lambda: E(None, str, str, None, ':', b',', False, False, False))
show(lambda: E(None, str, str, None, ':', ','))
show(lambda: E(None, str, lambda s: None, None, ':', ',', False, False, False)('spam', 0))
show(lambda: E(None, str, lambda s: 5, None, ':', ',', False, False, False)({'k': 1}, 0))
show(lambda: E(None, str, str, None, ':', ',', False, False, False)([1]))
show(lambda: E(None, str, str, None, ':', ',', False, False, False)([1], 1.5))
show(lambda: E(None, str, str, None, ':', ',', False, False, False)([1], 0))
show(lambda: json.encoder.c_encode_basestring(1))
show(lambda: json.encoder.c_encode_basestring_ascii(b'x'))
show(lambda: json.encoder.c_encode_basestring_ascii())

def bad_default(o):
    raise RuntimeError('no way')
show(lambda: json.dumps([1, object()], default=bad_default))
show(lambda: json.dumps(2 ** 20000))
