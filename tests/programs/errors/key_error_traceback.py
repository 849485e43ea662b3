# KeyError messages, then an uncaught one.
config = {"host": "localhost", "port": 8080}
for key in ["user", ("a", 1), 42, ""]:
    try:
        config[key]
    except KeyError as e:
        print(type(e).__name__, e, repr(e))
def get_setting(name):
    return config[name]
print(get_setting("host"))
print(get_setting("password"))
