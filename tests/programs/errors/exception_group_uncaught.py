# An uncaught ExceptionGroup with a nested group is rendered with boxes.
def task(n):
    if n % 2:
        raise ValueError(f"task {n} failed")
    return n
def run_all():
    errors = []
    for n in range(4):
        try:
            task(n)
        except ValueError as e:
            errors.append(e)
    errors.append(ExceptionGroup("subtasks", [TypeError("bad type"), KeyError("k")]))
    raise ExceptionGroup("batch failed", errors)
print("running")
run_all()
