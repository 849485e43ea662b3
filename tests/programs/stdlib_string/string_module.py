import string

fmt = string.Formatter()
print(fmt.format('{0} and {1!r} and {name:>5} and {x[1]} and {o.real}', 'a', 'b', name='n', x=[1, 2], o=3))
print(fmt.format('{:{w}.{p}f}', 3.14159, w=10, p=3))
print(fmt.vformat('{0}{1}', ('x', 'y'), {}))
try:
    fmt.format('{0}{}', 1, 2)
except ValueError as e:
    print('ValueError', e)
print(list(fmt.parse('a{b!s:c}d')))
class Upper(string.Formatter):
    def convert_field(self, value, conversion):
        if conversion == 'u':
            return str(value).upper()
        return super().convert_field(value, conversion)
print(Upper().format('{0!u} {1}', 'hello', 'world'))
print(string.Template('$who likes ${what}').substitute(who='tim', what='kung pao'))
print(string.capwords(' hello   world '), string.ascii_letters, string.digits, string.punctuation)
