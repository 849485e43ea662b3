# User-defined exception hierarchies.
class AppError(Exception):
    """Base for app errors."""
class NotFound(AppError):
    def __init__(self, resource, ident):
        super().__init__(f"{resource} {ident} not found")
        self.resource = resource
        self.ident = ident
class Invalid(AppError):
    def __init__(self, field, reason="invalid"):
        self.field = field
        self.reason = reason
    def __str__(self):
        return f"{self.field}: {self.reason}"
class Fatal(AppError):
    code = 99
for exc in [NotFound("user", 7), Invalid("email"), Invalid("age", "negative"), Fatal("boom"), AppError()]:
    try:
        raise exc
    except NotFound as e:
        print("NotFound", e, e.resource, e.ident, e.args)
    except Invalid as e:
        print("Invalid", e, repr(e), e.args, e.field)
    except AppError as e:
        print("AppError", type(e).__name__, repr(e), str(e), getattr(e, "code", None))
print(NotFound.__mro__[1:3], issubclass(Fatal, Exception), AppError.__doc__)
class WithRepr(Exception):
    def __repr__(self):
        return "WithRepr!"
print(repr(WithRepr(1)), str(WithRepr(1, 2)))
class KwErr(Exception):
    def __init__(self, msg, *, detail=None):
        super().__init__(msg)
        self.detail = detail
try:
    raise KwErr("m", detail="d")
except KwErr as e:
    print(e, e.detail, e.args)
class NoSuperInit(Exception):
    def __init__(self, a, b):
        self.total = a + b
e = NoSuperInit(1, 2)
print(e.args, e.total, str(e), repr(e))
class MyKeyError(KeyError):
    pass
try:
    raise MyKeyError("quoted like KeyError")
except LookupError as e:
    print(str(e), repr(e))
