# unicodedata: properties, lookup (aliases, named sequences), errors, normalization, ucd_3_2_0, stringprep
import unicodedata as U
print(U.unidata_version, U.ucd_3_2_0.unidata_version, type(U.ucd_3_2_0).__name__, U.UCD.__module__)
print(sorted(n for n in dir(U) if not n.startswith('_')))
for c in 'aA1½\u0301\u00e9\uac00\U0001F600 \u2028':
    print(ascii(c), U.category(c), U.bidirectional(c), U.combining(c), U.east_asian_width(c), U.mirrored(c),
          U.decomposition(c), U.decimal(c, None), U.digit(c, None), U.numeric(c, None), U.name(c, None))
print(U.lookup('BOM') == '\ufeff', ascii(U.lookup('LATIN CAPITAL LETTER A WITH MACRON AND GRAVE')), ascii(U.lookup('HANGUL SYLLABLE GAG')), ascii(U.lookup('CJK UNIFIED IDEOGRAPH-04E00')))
for bad in ['NOT A NAME', 'x'*300]:
    try: U.lookup(bad)
    except KeyError as e: print('KeyError', e)
for f, a in [(U.decimal, ('x',)), (U.digit, ('x',)), (U.numeric, ('x',)), (U.name, ('\x00',)), (U.category, (1,)), (U.category, ('ab',)), (U.name, ()), (U.normalize, ('X', 'a')), (U.normalize, ('NFC', b'a')), (U.UCD, ())]:
    try: print(f(*a))
    except Exception as e: print(type(e).__name__, e)
s = 'Ĺ\u0301e\u0301\u0327\ufb01\u1100\u1161\u11a8 ＡＢＣ①'
for form in ('NFC', 'NFD', 'NFKC', 'NFKD'):
    print(form, ascii(U.normalize(form, s)), U.is_normalized(form, s), U.is_normalized(form, U.normalize(form, s)))
O = U.ucd_3_2_0
print(O.category('\U0001F600'), repr(O.bidirectional('\U0001F600')), O.east_asian_width('\U0001F600'), O.category('\u00aa'))
try: O.lookup('BOM')
except KeyError as e: print('KeyError', e)
print(ascii(O.normalize('NFD', '\U0002F868')), ascii(U.normalize('NFD', '\U0002F868')))
import stringprep
print(stringprep.in_table_b1('\u00ad'), stringprep.map_table_b2('\u00c5'), stringprep.in_table_c12('\u00a0'), stringprep.in_table_d1('\u05d0'))
# exhaustive summary over the BMP and astral planes
cats = {}
h = 0
for cp in range(0x110000):
    c = chr(cp)
    k = (U.category(c), U.bidirectional(c), U.combining(c), U.east_asian_width(c), U.mirrored(c), U.decomposition(c), U.numeric(c, -1.0), U.name(c, ''))
    cats[k[0]] = cats.get(k[0], 0) + 1
    t = (k[2], k[4], len(k[5]), len(k[7]), int(k[6] * 1000), sum(map(ord, k[0] + k[1] + k[3] + k[5] + k[7])))
    for x in t:
        h = (h * 1000003 + x) & 0xffffffffffff
print(sorted(cats.items()))
print(h)
for n in ['hangul syllable GAG', 'CJK UNIFIED IDEOGRAPH-4e00', 'cjk unified ideograph-4E00', 'HANGUL SYLLABLE GAGX']:
    try: U.lookup(n)
    except KeyError as e: print('KeyError', e)
print(ascii('\N{BYTE ORDER MARK}\N{LATIN SMALL LETTER A}\N{CJK UNIFIED IDEOGRAPH-4E00}'))
