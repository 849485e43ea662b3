# TypeError messages for calls, then an uncaught one.
def greet(name, greeting="Hello"):
    return f"{greeting}, {name}!"
for bad in [lambda: greet(), lambda: greet("a", "b", "c"), lambda: greet(nme="x"), lambda: greet("a", name="b"), lambda: len(1, 2)]:
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)
print(greet("World"))
class Service:
    def start(self, port):
        return f"started on {port}"
svc = Service()
print(svc.start(80))
print(svc.start())
