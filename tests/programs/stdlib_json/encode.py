# json.dumps through _json's encoder (c_make_encoder, c_encode_basestring*).
import enum
import json
import json.encoder
from collections import OrderedDict

print(json.encoder.c_make_encoder is not None)
print(json.encoder.encode_basestring_ascii is json.encoder.c_encode_basestring_ascii)

class MyDict(dict):
    pass
class MyList(list):
    pass
class MyStr(str):
    pass
class MyInt(int):
    def __repr__(self):
        return 'MyInt!'
class MyFloat(float):
    def __repr__(self):
        return 'MyFloat!'
class Color(enum.IntEnum):
    RED = 1
class Fl(float, enum.Enum):
    HALF = 0.5

values = [
    None, True, False, 0, -1, 2 ** 100, -(2 ** 70), 1.5, -0.0, 1e300, 1e-300, 0.1, 1 / 3,
    float('inf'), float('-inf'), float('nan'), '', 'abc', 'caf\u00e9', '\u20ac', '\U0001f600',
    '\ud800', '\udfff', 'a"b\\c\n\r\t\b\f\x00\x1f\x7f', '/', [], (), {}, [1, [2, [3]]],
    (1, 'two', 3.0), {'a': 1, 'b': [1, 2]}, {1: 'int', 2.5: 'float', True: 'bool', None: 'none'},
    {False: 0}, MyDict(x=1), MyList([1, 2]), MyStr('sub'), MyInt(7), MyFloat(2.5), Color.RED,
    Fl.HALF, OrderedDict([('z', 1), ('a', 2)]), [{'k': ()}], {'nested': {'deeper': {'deepest': []}}},
    {2 ** 64: 'big key'}, {-0.0: 'neg zero'}, {float('inf'): 'inf key'},
]
for v in values:
    print(json.dumps(v), '|', ascii(json.dumps(v, ensure_ascii=False)), '|', json.dumps(v, separators=(',', ':')))

print(json.dumps({'b': 1, 'a': 2, 'c': {'z': 0, 'y': 1}}, sort_keys=True))
print(json.dumps({'b': 1, 'a': 2}, sort_keys=True, separators=(';', '=')))
print(json.dumps([1, {'a': [2, 3]}], indent=2))
print(json.dumps([1, {'a': [2, 3]}], indent='\t', sort_keys=True))
print(json.dumps({'a': 1, (1, 2): 'tuple key', 'b': 2}, skipkeys=True))
print(json.dumps({(1, 2): 'x', 'b': 2}, skipkeys=True))
print(json.dumps([set([1]), 2], default=sorted))
print(json.dumps({'c': complex(1, 2)}, default=lambda o: [o.real, o.imag]))
print(json.dumps(['\u00e9\U0001f600'], ensure_ascii=True))
print(json.dumps('x' * 10 + '\u1234' * 3 + '\x7f'))
print(json.dumps([float('nan'), float('inf')], allow_nan=True))

# encode_basestring(_ascii) directly.
for f in (json.encoder.c_encode_basestring, json.encoder.c_encode_basestring_ascii):
    print(ascii([f('plain'), f('q"b\\'), f('\x00\x01\x1f\x20\x7f\x80\xff'), f('\u0100\uffff\U00010000\U0010ffff'),
          f('\ud800x\udc00'), f(''), f(MyStr('sub'))]))

# Subclasses whose methods change encoding.
class ItemsDict(dict):
    def items(self):
        return [('x', 1), ('a', 2)]
print(json.dumps(ItemsDict(q=0)), json.dumps(ItemsDict(q=0), sort_keys=True))

# JSONEncoder subclass with default.
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)
print(Enc().encode({'s': {3, 1, 2}}))
print(list(Enc().iterencode([1, {2, 1}])))

# The encoder object itself.
enc = json.encoder.c_make_encoder(None, str, json.encoder.c_encode_basestring_ascii, None,
                                  ': ', ', ', True, False, True)
print(enc([1, {'b': 2, 'a': None}], 0))
print(enc.sort_keys, enc.skipkeys, enc.markers, enc.indent, enc.key_separator, enc.item_separator)
print(type(enc).__name__, json.encoder.c_make_encoder.__name__)
enc2 = json.encoder.c_make_encoder({}, str, lambda s: '<' + s + '>', None, '=', ';', False, True, False)
print(enc2({'a': [1, 'x'], 2: 'y', (): 'skip'}, 0))
