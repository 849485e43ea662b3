# A small template engine: {{ expr|filter }}, {% for %}, {% if %}/{% else %}, nested scopes, escaping.
class TemplateError(Exception):
    pass
def tokenize(src):
    tokens, i = [], 0
    while i < len(src):
        a, b = src.find("{{", i), src.find("{%", i)
        starts = [p for p in (a, b) if p != -1]
        if not starts:
            tokens.append(("text", src[i:]))
            break
        start = min(starts)
        if start > i:
            tokens.append(("text", src[i:start]))
        closer = "}}" if src.startswith("{{", start) else "%}"
        end = src.find(closer, start)
        if end == -1:
            raise TemplateError(f"unclosed tag at offset {start}")
        kind = "var" if closer == "}}" else "tag"
        tokens.append((kind, src[start + 2:end].strip()))
        i = end + 2
    return tokens
def parse(tokens, pos=0, until=()):
    nodes = []
    while pos < len(tokens):
        kind, val = tokens[pos]
        if kind == "tag" and val.split()[0] in until:
            return nodes, pos
        if kind == "tag":
            words = val.split()
            if words[0] == "for":
                if len(words) != 4 or words[2] != "in":
                    raise TemplateError(f"bad for tag: {val!r}")
                body, pos = parse(tokens, pos + 1, ("endfor",))
                nodes.append(("for", words[1], words[3], body))
            elif words[0] == "if":
                body, pos = parse(tokens, pos + 1, ("else", "endif"))
                other = []
                if tokens[pos][1] == "else":
                    other, pos = parse(tokens, pos + 1, ("endif",))
                nodes.append(("if", " ".join(words[1:]), body, other))
            else:
                raise TemplateError(f"unknown tag {words[0]!r}")
            if pos >= len(tokens):
                raise TemplateError(f"missing end tag for {words[0]!r}")
        else:
            nodes.append((kind, val))
        pos += 1
    if until:
        raise TemplateError(f"expected one of {until}")
    return nodes, pos
FILTERS = {"upper": str.upper, "lower": str.lower, "title": str.title, "len": len, "reverse": lambda v: v[::-1],
           "escape": lambda s: str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
           "money": lambda v: f"${v:,.2f}", "join": lambda v: ", ".join(map(str, v)), "first": lambda v: v[0]}
def lookup(expr, scopes):
    parts = expr.split(".")
    for scope in reversed(scopes):
        if parts[0] in scope:
            value = scope[parts[0]]
            break
    else:
        raise TemplateError(f"undefined variable {parts[0]!r}")
    for p in parts[1:]:
        value = value[p] if isinstance(value, dict) else (value[int(p)] if p.isdigit() else getattr(value, p))
    return value
def evaluate(expr, scopes):
    name, *filters = [p.strip() for p in expr.split("|")]
    value = lookup(name, scopes)
    for f in filters:
        if f not in FILTERS:
            raise TemplateError(f"unknown filter {f!r}")
        value = FILTERS[f](value)
    return value
def render(nodes, scopes):
    out = []
    for node in nodes:
        if node[0] == "text":
            out.append(node[1])
        elif node[0] == "var":
            out.append(str(evaluate(node[1], scopes)))
        elif node[0] == "for":
            _, var, seq, body = node
            items = lookup(seq, scopes)
            for idx, item in enumerate(items):
                scopes.append({var: item, "loop": {"index": idx + 1, "first": idx == 0, "last": idx == len(items) - 1}})
                out.append(render(body, scopes))
                scopes.pop()
        elif node[0] == "if":
            _, cond, body, other = node
            negate = cond.startswith("not ")
            value = evaluate(cond[4:] if negate else cond, scopes)
            out.append(render(body if bool(value) != negate else other, scopes))
    return "".join(out)
def template(src, **context):
    nodes, _ = parse(tokenize(src))
    return render(nodes, [context])
page = """<h1>{{ title|upper }}</h1>
{% for user in users %}{{ loop.index }}. {{ user.name|title }}{% if user.admin %} [admin]{% endif %} owes {{ user.debt|money }}{% if not loop.last %}
{% endif %}{% endfor %}
{% if empty %}never{% else %}No items: {{ empty|len }}{% endif %}
Tags: {{ tags|join }} / first={{ tags|first|upper }} / {{ note|escape }} / {{ users.1.name|reverse }}"""
print(template(page, title="Accounts", users=[{"name": "ann lee", "admin": True, "debt": 1234.5},
      {"name": "bob", "admin": False, "debt": 0}, {"name": "cy", "admin": False, "debt": 99.999}],
      empty=[], tags=["x", "y", "z"], note="a < b & c > d"))
for bad in ["{{ missing }}", "{% for x in %}", "{% if a %}no end", "{{ a|nofilter }}", "{% bogus %}", "{{ unclosed"]:
    try:
        print(template(bad, a="A"))
    except TemplateError as e:
        print(f"{bad!r}: TemplateError: {e}")
