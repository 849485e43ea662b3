# bytearray.join keeps its separator exported while it collects the items:
# an iterator that resizes the separator gets BufferError.
array = bytearray(b",")


def shrinking():
    array.clear()
    yield b"A"
    yield b"B"


def appending():
    array.append(0x2D)
    yield b"A"


def same_size():
    array[0] = 0x3B
    yield b"A"
    yield b"B"


for gen in (shrinking, appending, same_size):
    try:
        print(array.join(gen()))
    except BufferError as e:
        print("BufferError", e)
array.clear()
print(array, bytearray(b"-").join(iter([b"x", bytearray(b"y"), memoryview(b"z")])))
