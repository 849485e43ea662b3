class L:
    def __len__(self): return 2**62
    def __iter__(self): return iter([1,2])
try:
    print(list(L()))
except MemoryError as e:
    print("MemoryError")
class H:
    def __length_hint__(self): return 2**62
    def __iter__(self): return iter([1])
    def __next__(self): raise StopIteration
print(list(H()))
class BadHint:
    def __iter__(self): return self
    def __next__(self): raise StopIteration
    def __length_hint__(self): return -1
try:
    print(list(BadHint()))
except ValueError as e:
    print("ValueError", e)
