# Round trips of a larger document through the native encoder and decoder.
import json

doc = {
    'users': [
        {'id': i, 'name': 'user%d' % i, 'score': i * 1.25, 'active': i % 2 == 0,
         'tags': ['t%d' % (i % 5), '\u00e9\u20ac' if i % 7 == 0 else 'plain'],
         'meta': None if i % 3 else {'nested': [i, -i, i ** 5]}}
        for i in range(300)
    ],
    'count': 300,
    'ratio': 0.1,
    'text': 'line1\nline2\t"quoted" \\ back \U0001f600',
}
s = json.dumps(doc)
print(len(s), s[:200])
back = json.loads(s)
print(back == doc)
s2 = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(',', ':'))
print(len(s2), s2[-150:])
print(json.loads(s2) == doc)
s3 = json.dumps(doc, indent=1)
print(len(s3), json.loads(s3) == doc)
print(json.dumps(json.loads('{"a": [1, 2, {"b": null}], "c": "\\u00e9"}')))
