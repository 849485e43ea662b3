# print() and sys.stdout.buffer.write() interleaved: the text layer keeps
# its pending output until it is flushed.
import sys
print("text 1")
sys.stdout.buffer.write(b"bytes 1\n")
print("text 2", flush=True)
sys.stdout.buffer.write(b"bytes 2\n")
sys.stdout.write("text 3\n")
sys.stdout.flush()
sys.stdout.buffer.write(b"bytes 3\n")
sys.stdout.buffer.flush()
sys.stdout.buffer.raw.write(b"raw 1\n")
print("text 4")
sys.stdout.buffer.write(b"bytes 4\n")
print("x" * 9000)
sys.stdout.buffer.write(b"bytes 5\n")
print("end", end="")
