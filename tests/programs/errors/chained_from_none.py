# raise ... from None hides the context in the traceback.
def lookup(mapping, key):
    try:
        return mapping[key]
    except KeyError:
        raise LookupError(f"no entry named {key!r}") from None
print(lookup({"x": 1}, "x"))
lookup({"x": 1}, "y")
