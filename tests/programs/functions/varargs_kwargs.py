# *args and **kwargs collection and forwarding.
def collect(*args, **kwargs):
    return args, kwargs
print(collect())
print(collect(1, 'two', [3]))
print(collect(a=1, b=2))
print(collect(1, 2, c=3, **{'d': 4}))
print(type(collect(1)[0]).__name__, type(collect(a=1)[1]).__name__)
def forward(*args, **kwargs):
    return collect(*args, **kwargs)
print(forward(1, x=2))
def order(**kw):
    return list(kw)
print(order(z=1, a=2, m=3))
print(order(**{'b': 1}, a=2, **{'c': 3}))
def first_rest(first, *rest):
    return first, rest
print(first_rest(1), first_rest(1, 2, 3))
def summer(*nums):
    total = 0
    for n in nums:
        total += n
    return total
print(summer(), summer(1, 2, 3), summer(*range(101)))
def kw_named(**kwargs):
    return kwargs.get('name', 'anon')
print(kw_named(), kw_named(name='bob'))
def weird(**kw):
    return kw
print(weird(**{'not an identifier': 1, 'class': 2}))
try:
    weird(**{1: 2})
except TypeError as e:
    print("TypeError:", e)
args = [1, 2]
kwargs = {'sep': '|'}
print(*args, **kwargs)
def modify(*args):
    try:
        args[0] = 5
    except TypeError as e:
        return str(e)
print(modify(1))
