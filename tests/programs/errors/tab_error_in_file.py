# Mixing tabs and spaces inconsistently is a TabError.
if True:
	x = 1
        y = 2
print(x, y)
