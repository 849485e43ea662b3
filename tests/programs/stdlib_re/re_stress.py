import re

# Backtracking-heavy patterns that CPython finishes quickly.
print(re.match(r'(a|b)*c', 'ab' * 20000 + 'c').span())
print(re.match(r'(?:a|b)*?c', 'ab' * 20000 + 'c').span())
print(re.match(r'(x+x+)+y', 'x' * 18))
print(re.match(r'(?>x+x+)+y', 'x' * 5000))
print(re.search(r'(\w+\s?)*$', 'a ' * 15 + '!'))
print(len(re.findall(r'(?:(a)|b)*?c', ('ab' * 50 + 'c') * 50)))
print(re.fullmatch(r'(?:a?){20}a{20}', 'a' * 20).span())
print(re.match(r'(a*)*b', 'a' * 18))
print(re.match(r'((?:a|b)*)(c)', 'ab' * 50000 + 'c').span(1))
print(re.search(r'(.*),(.*),(.*)', 'x' * 300 + ',' + 'y' * 300 + ',z').span(2))

# Deep nesting of groups and repeats.
n = 90
p = '(' * n + 'a' + ')' * n
m = re.match(p, 'a')
print(m.span(), m.lastindex, len(m.groups()))
p = '(?:' * n + 'a*' + ')*' * n
print(re.match(p, 'aaaa').span())
p = '(?:' * 50 + 'a|b' + ')+' * 50
print(re.match(p, 'abab' * 100).span())
p = '(?=' * 60 + 'a' + ')' * 60 + 'a'
print(re.match(p, 'a').span())
print(re.fullmatch('(?:a(?:b(?:c)*)*)*', 'abcbcabc' * 1000).span())
big = '|'.join('w%d' % i for i in range(2000))
print(re.search(big, 'xx w1999 yy').group())
print(re.compile('(a)' * 300).match('a' * 300).lastindex)
print(len(re.compile('[%s]' % ''.join(chr(c) for c in range(0x4e00, 0x4f00, 3))).findall('\u4e00\u4e03\u4e01' * 100)))
print(re.match(r'(?:(?:a+)+)+b', 'a' * 22 + 'b').span())
