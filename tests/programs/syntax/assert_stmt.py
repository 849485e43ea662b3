# assert statement.
assert True
assert 1 == 1, "never shown"
try:
    assert False
except AssertionError as e:
    print(repr(e), e.args)
try:
    assert 1 > 2, "one is not greater"
except AssertionError as e:
    print(repr(e), str(e))
try:
    assert [], ["a", "list", "message"]
except AssertionError as e:
    print(e.args)
calls = []
def msg():
    calls.append(1)
    return "lazy"
assert True, msg()
print(calls)
try:
    assert 0, msg()
except AssertionError as e:
    print(e, calls)
x = 5
try:
    assert x < 0, f"x={x}"
except AssertionError as e:
    print(e)
print(__debug__)
