# multiprocessing.Manager (fork): a server process holding a dict, a list
# and a Namespace, changed from a child through proxies.
import multiprocessing as mp


def fill(d, l, ns):
    d["child"] = 1
    l.append("from child")
    ns.x = 42


if __name__ == "__main__":
    ctx = mp.get_context("fork")
    with ctx.Manager() as m:
        d = m.dict()
        l = m.list([1, 2])
        ns = m.Namespace()
        d["parent"] = 0
        p = ctx.Process(target=fill, args=(d, l, ns))
        p.start()
        p.join()
        print(sorted(d.items()), list(l), ns.x, p.exitcode)
        q = m.Queue()
        q.put("x")
        print(q.get())
        lk = m.Lock()
        print(lk.acquire(), lk.release())
