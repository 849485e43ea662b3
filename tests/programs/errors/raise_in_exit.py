# An exception in __exit__ while another is propagating: both appear, chained.
class Resource:
    def __enter__(self):
        print("acquire")
        return self
    def __exit__(self, et, ev, tb):
        print("release with", et.__name__)
        raise OSError("release failed")
with Resource():
    print("using resource")
    raise ValueError("work failed")
