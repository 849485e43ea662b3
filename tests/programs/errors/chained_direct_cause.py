# raise ... from ...: explicit chaining shown as "direct cause".
class StorageError(Exception):
    pass
def load(store, key):
    try:
        return store[key]
    except KeyError as e:
        raise StorageError(f"missing key {key}") from e
store = {"a": 1}
print(load(store, "a"))
load(store, "b")
