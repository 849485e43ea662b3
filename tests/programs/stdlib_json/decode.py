# json.loads through _json's scanner (c_make_scanner, c_scanstring).
import json
import json.decoder
import json.scanner
from collections import OrderedDict
from decimal import Decimal

print(json.decoder.c_scanstring is not None, json.scanner.c_make_scanner is not None)
print(json.decoder.scanstring is json.decoder.c_scanstring)
print(type(json.decoder.JSONDecoder().scan_once).__name__)

docs = [
    '0', '-0', '1', '-1', '12345678901234567890123456789', '-98765432109876543210',
    '1.5', '-0.0', '1e10', '1E-5', '2.5e+3', '1e400', '-1e400', '123.456e-789',
    '0.1', '3.141592653589793', '1.7976931348623157e308', '5e-324',
    'true', 'false', 'null', 'NaN', 'Infinity', '-Infinity',
    '""', '"abc"', '"\\u00e9t\\u00e9"', '"\\ud83d\\ude00"', '"\\ud800"', '"\\udc00\\ud800"',
    '"\\ud800\\u0041"', '"a\\nb\\tc\\r\\b\\f\\/\\\\\\""', '"caf\u00e9 \u20ac \U0001f600"',
    '[]', '[ ]', '[1, 2, 3]', '[[[]], [[1]], {}]', '{}', '{ }', '{"a": 1}',
    ' {"a" : [1, {"b": null}] , "c":"d"} ', '\t\n\r [1,\n2]\n',
    '{"a": 1, "a": 2}', '[1.0, 2, "3", true, null]', '{"\u00e9": "\u20ac"}',
    '"\\u0000"', '[1e5, 1.0e-5, 10E+2]', '[-0, -0.0, 0e0]',
]
for d in docs:
    v = json.loads(d)
    print(repr(d), '->', repr(v), type(v).__name__)

# Memoised keys: equal keys share one object.
lst = json.loads('[{"key": 1}, {"key": 2}]')
print(list(lst[0])[0] is list(lst[1])[0])

# Hooks.
print(json.loads('{"b": 1, "a": [1, 2]}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"b": 1, "a": 2, "b": 3}', object_pairs_hook=lambda p: p))
print(json.loads('{"b": 1, "a": 2}', object_pairs_hook=OrderedDict))
print(json.loads('{"b": 1}', object_hook=dict, object_pairs_hook=list))
print(json.loads('[1.1, 2, 3e1]', parse_float=Decimal))
print(json.loads('[1.1, 2, -3]', parse_int=lambda s: 'int:' + s))
print(json.loads('[NaN, Infinity, -Infinity]', parse_constant=lambda s: 'const:' + s))
print(json.loads('[1, 2.5]', parse_int=float, parse_float=str))

# Strict mode: control characters.
print(repr(json.loads('"a\tb"', strict=False)))
print(repr(json.loads('["x\ny"]', strict=False)))

# raw_decode and bytes input.
dec = json.JSONDecoder()
print(dec.raw_decode('[1, 2] tail'))
print(dec.raw_decode('{"a": "b"}xyz'))
print(json.loads(b'{"k": [1, 2]}'))
print(json.loads('{"k": "v"}'.encode('utf-16')))

# Subclass of str as input.
class S(str):
    pass
print(json.loads(S('{"s": [1]}')))

# scanstring directly.
ss = json.decoder.c_scanstring
print(ss('"abc" tail', 1))
print(ss('"a\\u0041b"', 1))
print(ss('"\\ud834\\udd1e"x', 1))
print(ss('"a\x01"', 1, False))
print(ss('xx"yy"', 3, True))
