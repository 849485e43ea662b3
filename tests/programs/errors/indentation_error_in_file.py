# An unexpected indent makes the whole file fail to compile.
def f():
    return 1
  print("badly dedented")
