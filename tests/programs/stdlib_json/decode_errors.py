# JSONDecodeError messages and positions from _json's scanner.
import json
import json.decoder

bad = [
    '', ' ', '[', ']', '{', '}', '[1,]', '[1 2]', '[,1]', '{"a"}', '{"a":}', '{"a":1,}',
    '{"a" 1}', '{1: 2}', "{'a': 1}", '{"a":1 "b":2}', '"abc', '"abc\\', '"\\x"', '"\\u12"',
    '"\\u12g4"', '"\\ud800\\u12g4"', '"\\ud800\\uzzzz"', '"a\nb"', '"\x00"', '"\x1f"',
    'nul', 'tru', 'fals', 'NaNa', 'Infinit', '-Infinit', '-', '-a', '01', '1.', '.5', '1e',
    '1e+', '+1', '[1] x', '{"a": 1} {"b": 2}', 'True', 'None', '[1, 2', '{"a": [1, {"b": 2}',
    '\ufeff[1]', '"\u00e9\n"', '[\u00e9]', '"\\uD83D\\uDE0', '["a", "b\\q"]',
    '[' * 3 + ']' * 2, '{"a": "b", "c": ]}',
]
for d in bad:
    try:
        v = json.loads(d)
        print(repr(d), 'OK', repr(v))
    except json.JSONDecodeError as e:
        print(repr(d), type(e).__name__, '|', e, '|', e.msg, e.pos, e.lineno, e.colno)
    except Exception as e:
        print(repr(d), type(e).__name__, e)

# Multi-line positions.
try:
    json.loads('{\n  "a": 1,\n  "b": [1, 2,\n   ]\n}')
except json.JSONDecodeError as e:
    print(e, e.lineno, e.colno)

# Errors of the native entry points.
ss = json.decoder.c_scanstring
for args in [('"abc"', 10), ('"abc"', -1), (b'"abc"', 1), ('"abc"', 1.0), ('abc', 0)]:
    try:
        print(ss(*args))
    except Exception as e:
        print(type(e).__name__, e)
scan = json.decoder.JSONDecoder().scan_once
for args in [('[1]', -1), ('[1]', 5), ('  1', 0), ('x', 0), (b'1', 0)]:
    try:
        print(scan(*args))
    except StopIteration as e:
        print('StopIteration', e.value)
    except Exception as e:
        print(type(e).__name__, e)

# Deep nesting is a RecursionError, never a crash.
for doc in ['[' * 100000 + ']' * 100000, '{"a":' * 100000 + '1' + '}' * 100000]:
    try:
        json.loads(doc)
    except RecursionError as e:
        print('RecursionError', e)

# Big ints respect the int digit limit.
try:
    json.loads('1' * 5000)
except ValueError as e:
    print('ValueError', e)

# Errors raised by hooks propagate.
def hook(d):
    raise KeyError('from hook')
try:
    json.loads('{"a": 1}', object_hook=hook)
except KeyError as e:
    print('KeyError', e)
try:
    json.loads('[NaN]', parse_constant=lambda s: 1 / 0)
except ZeroDivisionError as e:
    print('ZeroDivisionError', e)
