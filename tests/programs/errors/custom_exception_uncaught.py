# An uncaught user-defined exception with a custom __str__ and attributes.
class ValidationError(Exception):
    def __init__(self, field, problem):
        super().__init__(field, problem)
        self.field = field
        self.problem = problem
    def __str__(self):
        return f"{self.field}: {self.problem}"
def validate(record):
    if "@" not in record.get("email", ""):
        raise ValidationError("email", "must contain @")
    return True
try:
    validate({"email": "nope"})
except ValidationError as e:
    print("caught:", e, e.args)
print(validate({"email": "a@b"}))
validate({"name": "no email"})
