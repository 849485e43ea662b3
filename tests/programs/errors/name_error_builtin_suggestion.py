# A misspelled builtin name produces a suggestion of the builtin.
data = [3, 1, 2]
print(sorted(data))
print(sortd(data))
