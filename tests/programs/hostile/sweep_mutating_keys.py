# A key whose __eq__ grows the dict while it is being probed (found by
# tools/hostile_sweep.py: the probe used to restart forever).
V = None


def mutate():
    if V is not None:
        for i in range(64):
            V[("k", i)] = i


class MutEq:
    def __eq__(self, o):
        mutate()
        return True

    def __hash__(self):
        return 1


class Grows(MutEq):
    pass


V = {Grows(): 1, 2: Grows()}
V[MutEq()] = 0
print(len(V))
V = {Grows(): 1, 2: Grows()}
print(V.pop(MutEq(), "missing"), len(V))
S = {Grows()}
V = None
print(MutEq() in S)
print("done")
