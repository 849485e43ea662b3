# Compile-time SyntaxWarnings are printed to stderr (once, before running).
x = 5
print("x is 5:", x is 5)
print("literal is:", "a" is not "b")
t = (1, 2)
print("assert tuple below")
assert (x, "always true tuple")
print("done")
