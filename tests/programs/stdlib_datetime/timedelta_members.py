# timedelta's fields are read-only member descriptors (PyMemberDef), as inspect sees them.
import datetime
import inspect
import types

for name in ("days", "seconds", "microseconds"):
    d = getattr(datetime.timedelta, name)
    print(name, type(d) is types.MemberDescriptorType, inspect.ismemberdescriptor(d), repr(d), d.__doc__)
    print(d.__get__(datetime.timedelta(3, 4, 5)))
t = datetime.timedelta(days=-1, microseconds=7)
print(t.days, t.seconds, t.microseconds)
try:
    t.days = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    datetime.timedelta.days.__get__(5)
except TypeError as e:
    print("TypeError")
