

h = 'a' * 4_000_000
n = 'a' * 400_000 + 'b'
print(h.find(n), h.rfind(n), h.count(n), n in h, len(h.split(n)), len(h.replace(n, 'x')))
hb = h.encode(); nb = n.encode()
print(hb.find(nb), hb.rfind(nb), hb.count(nb), nb in hb)
hw = '\u20ac' * 1_000_000; nw = '\u20ac' * 100_000 + 'b'
print(hw.find(nw), hw.rfind(nw), hw.count(nw))

