# 'expected an indented block' IndentationError.
for i in range(3):
print(i)
