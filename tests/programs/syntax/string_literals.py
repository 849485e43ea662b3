# String literal forms.
print('single', "double", '''triple single''', """triple double""")
print('it\'s', "say \"hi\"", 'mixed "quotes"', "mixed 'quotes'")
print("""line one
line two
  line three""")
print('adjacent' ' ' "literals" '''are''' " joined")
s = ('implicit '
     'continuation '
     'inside parens')
print(s)
print(repr(''), repr(""), len(''''''))
print(repr('a\
b'))
print("""a\
b""")
print(repr("'"), repr('"'), repr('\'"'), repr("it's \"x\""))
print(u'unicode prefix', U'upper U')
print(repr('tab\there'), repr('nl\nhere'))
print('é', 'ñ', '中文', '😀', len('😀'), len('中文'))
print(repr('é中😀'))
print(ascii('é中😀'))
