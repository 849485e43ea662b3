# An uncaught UnicodeDecodeError.
data = "naïve".encode("utf-8")
print(data, data.decode("utf-8"))
print(data.decode("ascii", "replace"))
print(data.decode("ascii"))
