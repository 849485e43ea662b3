# Zero-argument super() and the __class__ cell inside methods.
class Base:
    def who(self):
        return "Base"
    def cls_name(self):
        return __class__.__name__
class Child(Base):
    def who(self):
        return "Child>" + super().who()
    def cls_name(self):
        return __class__.__name__ + "/" + super().cls_name()
    def nested(self):
        def inner():
            return __class__.__name__
        return inner()
    def via_lambda(self):
        return (lambda: super(Child, self).who())()
print(Child().who(), Child().cls_name(), Child().nested(), Child().via_lambda())
class GrandChild(Child):
    def who(self):
        return "Grand>" + super().who()
print(GrandChild().who(), GrandChild().cls_name())
print('__class__' in Child.who.__code__.co_freevars)
def outside(self):
    try:
        return super().who()
    except RuntimeError as e:
        return "RuntimeError: " + str(e)
Child.outside = outside
print(Child().outside())
