# LEGB name resolution.
x = "global"
def local_scope():
    x = "local"
    return x
def enclosing():
    x = "enclosing"
    def inner():
        return x
    return inner()
def global_scope():
    return x
def builtin_scope():
    return len("abc")
print(local_scope(), enclosing(), global_scope(), builtin_scope())
def shadow_builtin():
    len = lambda s: "shadowed"
    return len("abc")
print(shadow_builtin(), len("abc"))
len = lambda s: "module shadow"
print(len("x"))
del len
print(len("xy"))
def uses_later_global():
    return later
later = "defined after function"
print(uses_later_global())
def local_assign_after_use():
    try:
        print(x)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    x = 1
local_assign_after_use()
def comp_scope():
    y = 10
    return [y + i for i in range(3)]
print(comp_scope())
def loop_var_leak():
    for i in range(3):
        pass
    return i
print(loop_var_leak())
def conditional_local(flag):
    if flag:
        z = "set"
    try:
        return z
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)
print(conditional_local(True), conditional_local(False))
try:
    undefined_name
except NameError as e:
    print("NameError:", e)
def except_var_cleared():
    e = "before"
    try:
        1 / 0
    except ZeroDivisionError as e:
        pass
    try:
        return e
    except UnboundLocalError as err:
        return "cleared: " + str(err)
print(except_var_cleared())
