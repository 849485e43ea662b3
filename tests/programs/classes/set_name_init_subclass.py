# __set_name__ and __init_subclass__.
class Field:
    def __set_name__(self, owner, name):
        print(f"set_name {owner.__name__}.{name}")
        self.owner_name = owner.__name__
        self.name = name
class Model:
    fields = []
    def __init_subclass__(cls, table=None, **kwargs):
        super().__init_subclass__(**kwargs)
        print("init_subclass", cls.__name__, table)
        cls.table = table or cls.__name__.lower()
        Model.fields.append(cls.__name__)
class User(Model, table="users"):
    id = Field()
    email = Field()
class Post(Model):
    title = Field()
class Draft(Post):
    pass
print(User.table, Post.table, Draft.table, Model.fields)
print(User.id.name, User.email.owner_name, hasattr(Model, "table"))
try:
    class Bad(Model, unknown=1, table="x"):
        pass
except TypeError as e:
    print("TypeError:", e)
class Plugin:
    registry = {}
    def __init_subclass__(cls, /, name=None, **kw):
        super().__init_subclass__(**kw)
        Plugin.registry[name or cls.__name__] = cls
class A(Plugin, name="alpha"): pass
class B(Plugin): pass
print({k: v.__name__ for k, v in Plugin.registry.items()})
try:
    class NoKw(name="x"):
        pass
except TypeError as e:
    print("TypeError:", e)
class Later:
    pass
f = Field()
Later.late = f
print(hasattr(f, "name"))
f.__set_name__(Later, "late")
print(f.name)
class Both:
    a = Field()
    b = Field()
    def __init_subclass__(cls):
        print("Both subclass", cls.__name__)
class Kid(Both):
    c = Field()
