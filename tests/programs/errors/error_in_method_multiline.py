# Traceback through methods, with an error inside a multi-line expression.
class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def cell(self, r, c):
        return self.rows[r][c]
    def trace(self):
        return sum(
            self.cell(i, i)
            for i in range(len(self.rows) + 1)
        )
m = Matrix([[1, 2], [3, 4]])
print(m.cell(1, 1))
print(m.trace())
