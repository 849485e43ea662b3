# A hand-written JSON parser, serializer and pretty printer.
class JSONError(Exception):
    pass
class Parser:
    def __init__(self, text):
        self.s = text
        self.i = 0
    def error(self, msg):
        line = self.s.count("\n", 0, self.i) + 1
        col = self.i - (self.s.rfind("\n", 0, self.i) + 1) + 1
        raise JSONError(f"{msg} at line {line} column {col}")
    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in " \t\r\n":
            self.i += 1
    def parse(self):
        self.ws()
        value = self.value()
        self.ws()
        if self.i != len(self.s):
            self.error("extra data")
        return value
    def value(self):
        self.ws()
        if self.i >= len(self.s):
            self.error("unexpected end")
        ch = self.s[self.i]
        if ch == "{":
            return self.obj()
        if ch == "[":
            return self.arr()
        if ch == '"':
            return self.string()
        for word, val in (("true", True), ("false", False), ("null", None)):
            if self.s.startswith(word, self.i):
                self.i += len(word)
                return val
        return self.number()
    def obj(self):
        self.i += 1
        result = {}
        self.ws()
        if self.s[self.i] == "}":
            self.i += 1
            return result
        while True:
            self.ws()
            if self.s[self.i] != '"':
                self.error("expected string key")
            key = self.string()
            self.ws()
            if self.s[self.i] != ":":
                self.error("expected ':'")
            self.i += 1
            result[key] = self.value()
            self.ws()
            if self.s[self.i] == ",":
                self.i += 1
            elif self.s[self.i] == "}":
                self.i += 1
                return result
            else:
                self.error("expected ',' or '}'")
    def arr(self):
        self.i += 1
        result = []
        self.ws()
        if self.s[self.i] == "]":
            self.i += 1
            return result
        while True:
            result.append(self.value())
            self.ws()
            if self.s[self.i] == ",":
                self.i += 1
            elif self.s[self.i] == "]":
                self.i += 1
                return result
            else:
                self.error("expected ',' or ']'")
    def string(self):
        self.i += 1
        out = []
        escapes = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
        while True:
            if self.i >= len(self.s):
                self.error("unterminated string")
            ch = self.s[self.i]
            if ch == '"':
                self.i += 1
                return "".join(out)
            if ch == "\\":
                esc = self.s[self.i + 1]
                if esc == "u":
                    out.append(chr(int(self.s[self.i + 2:self.i + 6], 16)))
                    self.i += 6
                    continue
                if esc not in escapes:
                    self.error(f"bad escape \\{esc}")
                out.append(escapes[esc])
                self.i += 2
                continue
            out.append(ch)
            self.i += 1
    def number(self):
        start = self.i
        while self.i < len(self.s) and self.s[self.i] in "+-0123456789.eE":
            self.i += 1
        text = self.s[start:self.i]
        if not text:
            self.error(f"unexpected character {self.s[start]!r}")
        try:
            return int(text) if text.lstrip("-").isdigit() else float(text)
        except ValueError:
            self.error(f"bad number {text!r}")
def dumps(v, indent=None, level=0):
    pad = "" if indent is None else "\n" + " " * (indent * (level + 1))
    end = "" if indent is None else "\n" + " " * (indent * level)
    sep = ", " if indent is None else ","
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        out = ['"']
        for ch in v:
            if ch in '"\\':
                out.append("\\" + ch)
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\t":
                out.append("\\t")
            elif ord(ch) < 32 or ord(ch) > 126:
                out.append(f"\\u{ord(ch):04x}")
            else:
                out.append(ch)
        return "".join(out) + '"'
    if isinstance(v, list):
        if not v:
            return "[]"
        return "[" + sep.join(pad + dumps(x, indent, level + 1) for x in v) + end + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        items = (pad + dumps(k, indent, level + 1) + ": " + dumps(val, indent, level + 1) for k, val in v.items())
        return "{" + sep.join(items) + end + "}"
    raise TypeError(f"cannot serialize {type(v).__name__}")
doc = '''
{
  "name": "Taipan",
  "version": [3, 11, 0],
  "tags": ["interpreter", "rust", "python"],
  "stable": false,
  "ratio": 0.75,
  "big": 12345678901234567890,
  "neg": -1.5e-3,
  "nested": {"a": {"b": {"c": [1, [2, [3, {}]]]}}, "empty": []},
  "text": "line1\\nline2 \\"quoted\\" \\u00e9\\t\\\\",
  "nothing": null
}
'''
data = Parser(doc).parse()
print(data)
print(dumps(data))
print(dumps(data, indent=2))
print(Parser(dumps(data)).parse() == data, Parser(dumps(data, indent=4)).parse() == data)
for bad in ['{"a": 1,}', '[1 2]', '{"a" 1}', '"unterminated', '{"a": tru}', '[1, 2]x', '{1: 2}', '"bad \\q"', '', '[-]']:
    try:
        print(Parser(bad).parse())
    except JSONError as e:
        print(f"{bad!r:20} -> JSONError: {e}")
try:
    dumps({"s": {1, 2}})
except TypeError as e:
    print("TypeError:", e)
