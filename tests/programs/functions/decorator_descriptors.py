# Class-based decorators that also work on methods via __get__.
class logged:
    def __init__(self, fn):
        self.fn = fn
        self.calls = []
    def __call__(self, *args):
        self.calls.append(args)
        return self.fn(*args)
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        def bound(*args):
            return self(obj, *args)
        return bound
class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0
    @logged
    def deposit(self, amount):
        self.balance += amount
        return self.balance
    def __repr__(self):
        return "Account(%s)" % self.owner
a = Account("ann")
b = Account("bob")
print(a.deposit(10), a.deposit(5), b.deposit(7))
print(Account.deposit.calls)
print(type(Account.__dict__['deposit']).__name__)
class cached_property:
    def __init__(self, fn):
        self.fn = fn
        self.name = fn.__name__
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value
class Circle:
    def __init__(self, r):
        self.r = r
    @cached_property
    def area(self):
        print("computing area")
        return 3 * self.r * self.r
c = Circle(2)
print(c.area, c.area, c.__dict__)
