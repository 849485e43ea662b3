# A generator as a state machine: a tokenizer that receives characters.
def tokenizer():
    tokens = []
    state = "start"
    buf = ""
    while True:
        ch = yield tokens
        tokens = []
        if ch is None:
            if buf:
                tokens.append((state, buf))
            return
        if state == "start":
            buf = ""
        if ch.isdigit():
            if state == "word":
                buf += ch
            else:
                if state == "space" or state == "start":
                    pass
                state = "number"
                buf += ch
        elif ch.isalpha():
            if state == "number":
                tokens.append(("number", buf))
                buf = ""
            state = "word"
            buf += ch
        elif ch == " ":
            if buf:
                tokens.append((state, buf))
            buf = ""
            state = "space"
        else:
            if buf:
                tokens.append((state, buf))
            tokens.append(("punct", ch))
            buf = ""
            state = "start"
t = tokenizer()
next(t)
out = []
for ch in "abc 123 x9, 42y!":
    out.extend(t.send(ch))
try:
    t.send(None)
except StopIteration:
    pass
print(out)
def traffic_light():
    while True:
        for color, secs in (("green", 3), ("yellow", 1), ("red", 2)):
            for remaining in range(secs, 0, -1):
                yield color, remaining
light = traffic_light()
print([next(light) for _ in range(8)])
