# A tiny backtracking regex engine: literals . * + ? ^ $ [] [^] \d \w \s groups-free alternation with |.
class Pattern:
    def __init__(self, source):
        self.source = source
        self.alternatives = [self.compile(part) for part in self.split_alternatives(source)]
    @staticmethod
    def split_alternatives(src):
        parts, depth, cur, i = [], 0, [], 0
        while i < len(src):
            ch = src[i]
            if ch == "\\" and i + 1 < len(src):
                cur.append(src[i:i + 2])
                i += 2
                continue
            if ch == "[":
                depth += 1
            elif ch == "]":
                depth -= 1
            if ch == "|" and depth == 0:
                parts.append("".join(cur))
                cur = []
            else:
                cur.append(ch)
            i += 1
        parts.append("".join(cur))
        return parts
    @staticmethod
    def compile(src):
        items, i = [], 0
        anchored_start = src.startswith("^")
        if anchored_start:
            i = 1
        anchored_end = False
        while i < len(src):
            ch = src[i]
            if ch == "$" and i == len(src) - 1:
                anchored_end = True
                i += 1
                continue
            if ch == "\\":
                cls = src[i + 1]
                matcher = {"d": str.isdigit, "w": lambda c: c.isalnum() or c == "_", "s": str.isspace}.get(
                    cls, lambda c, lit=cls: c == lit)
                i += 2
            elif ch == "[":
                end = src.index("]", i)
                body = src[i + 1:end]
                negate = body.startswith("^")
                if negate:
                    body = body[1:]
                chars = set()
                j = 0
                while j < len(body):
                    if j + 2 < len(body) and body[j + 1] == "-":
                        chars.update(chr(c) for c in range(ord(body[j]), ord(body[j + 2]) + 1))
                        j += 3
                    else:
                        chars.add(body[j])
                        j += 1
                matcher = (lambda c, s=frozenset(chars): c not in s) if negate else (lambda c, s=frozenset(chars): c in s)
                i = end + 1
            elif ch == ".":
                matcher = lambda c: c != "\n"
                i += 1
            else:
                matcher = lambda c, lit=ch: c == lit
                i += 1
            quant = (1, 1)
            if i < len(src) and src[i] in "*+?":
                quant = {"*": (0, None), "+": (1, None), "?": (0, 1)}[src[i]]
                i += 1
            items.append((matcher, quant))
        return anchored_start, anchored_end, items
    def match_here(self, items, k, text, pos, anchored_end):
        if k == len(items):
            return pos if (not anchored_end or pos == len(text)) else None
        matcher, (lo, hi) = items[k]
        count = 0
        while (hi is None or count < hi) and pos + count < len(text) and matcher(text[pos + count]):
            count += 1
        while count >= lo:
            end = self.match_here(items, k + 1, text, pos + count, anchored_end)
            if end is not None:
                return end
            count -= 1
        return None
    def search(self, text):
        best = None
        for anchored_start, anchored_end, items in self.alternatives:
            starts = [0] if anchored_start else range(len(text) + 1)
            for s in starts:
                end = self.match_here(items, 0, text, s, anchored_end)
                if end is not None:
                    if best is None or s < best[0]:
                        best = (s, end)
                    break
        return None if best is None else text[best[0]:best[1]]
    def findall(self, text):
        out, pos = [], 0
        while pos <= len(text):
            found = None
            for anchored_start, anchored_end, items in self.alternatives:
                if anchored_start and pos > 0:
                    continue
                end = self.match_here(items, 0, text, pos, anchored_end)
                if end is not None and (found is None or end > found):
                    found = end
            if found is not None and found > pos:
                out.append(text[pos:found])
                pos = found
            else:
                pos += 1
        return out
tests = [
    ("abc", "xxabcxx"), ("a.c", "abc adc a\nc"), ("ab*c", "ac abc abbbc"), ("ab+c", "ac"), ("colou?r", "my colour"),
    ("^hello", "hello world"), ("^world", "hello world"), ("world$", "hello world"), ("^\\d+$", "12345"), ("^\\d+$", "123a5"),
    ("[aeiou]+", "rhythm and blues"), ("[^aeiou ]+", "aei xyz"), ("\\w+@\\w+\\.com", "mail bob_1@example.com now"),
    ("cat|dog", "hotdog"), ("[0-9][0-9]:[0-9][0-9]", "at 09:45 today"), ("a*", "bbb"), ("\\s+", "a \t b"), ("x?y?z?$", "abc"),
]
for pat, text in tests:
    print(f"{pat!r:26} in {text!r:32} -> {Pattern(pat).search(text)!r}")
print(Pattern("\\d+").findall("a1b22c333 4444"))
print(Pattern("[A-Z][a-z]*").findall("Alice met Bob and Carol in Denver"))
print(Pattern("ab|a").findall("abaab"))
print(Pattern("[a-z]+ing").findall("singing and dancing while thinking"))
