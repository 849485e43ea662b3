# gc.callbacks that allocate do not start a collection inside the collection.
import gc

phases = []


def callback(phase, info):
    # allocates plenty: must not re-enter the collector
    junk = [[i] for i in range(2000)]
    phases.append((phase, info["generation"], len(junk)))
    if phase == "start":
        phases.append(("nested collect returns", gc.collect()))


gc.callbacks.append(callback)
gc.collect()
keep = [[i] for i in range(20000)]
gc.callbacks.remove(callback)
print(phases[:3])
print(all(p[0] in ("start", "stop", "nested collect returns") for p in phases))
starts = sum(p[0] == "start" for p in phases)
stops = sum(p[0] == "stop" for p in phases)
print(starts == stops, starts > 1)
