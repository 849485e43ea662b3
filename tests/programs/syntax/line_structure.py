# Line continuation, semicolons, implicit joins, comments.
x = 1 + \
    2 + \
    3
print(x)
y = (1 +
     2 +
     3)
print(y)
lst = [
    1,
    2,  # comment inside brackets
    3,
]
print(lst)
a = 1; b = 2; c = a + b; print(c)
if a: print("a"); print("still a")
d = {
    'k': 'v',

    'k2': 'v2'
}
print(d)
def f(
    p,
    q=2,
):
    return p + q
print(f(
    1,
))
s = 'abc' \
    'def'
print(s)
	# a comment indented with a tab
if True:
	print("tab indented block")
if True:
        print("eight spaces")
z = [i for i in
     range(3)
     if i]
print(z)
print("semicolon at end");
