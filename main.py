def func():
    def inner(v): pass
    inner(
        42
    )
func()
