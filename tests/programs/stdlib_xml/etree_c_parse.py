# The C XMLParser and TreeBuilder (_elementtree): parsing, targets,
# iterparse events, comments and processing instructions, entities, and
# ParseError's message, code and position.
import io
import xml.etree.ElementTree as ET

doc = b"""<?xml version="1.0"?>
<!DOCTYPE root SYSTEM "x.dtd">
<root xmlns:p="urn:p" a="1">
  <p:item id="1">one<!-- c1 --></p:item>
  <?target some data?>
  <item id="2">two &amp; more</item>
</root>"""

root = ET.fromstring(doc)
print(root.tag, [(c.tag, c.attrib, c.text) for c in root])

for events in (None, ("start", "end"), ("start-ns", "end-ns", "comment", "pi", "start", "end")):
    out = []
    for ev, obj in ET.iterparse(io.BytesIO(doc), events):
        tag = getattr(obj, "tag", obj)
        out.append((ev, getattr(tag, "__name__", tag)))
    print(out)

pull = ET.XMLPullParser(["start", "end"])
for chunk in (b"<a><b>", b"x</b>", b"<c/></a>"):
    pull.feed(chunk)
    print([(ev, el.tag) for ev, el in pull.read_events()])
pull.close()


class Target:
    def __init__(self):
        self.log = []

    def start(self, tag, attrib):
        self.log.append(("start", tag, sorted(attrib.items())))

    def end(self, tag):
        self.log.append(("end", tag))

    def data(self, data):
        self.log.append(("data", data))

    def comment(self, text):
        self.log.append(("comment", text))

    def pi(self, target, data):
        self.log.append(("pi", target, data))

    def doctype(self, name, pubid, system):
        self.log.append(("doctype", name, pubid, system))

    def close(self):
        return "closed"


t = Target()
p = ET.XMLParser(target=t)
p.feed(doc)
print(p.close())
for entry in t.log:
    print(entry)

tb = ET.TreeBuilder(insert_comments=True, insert_pis=True)
p = ET.XMLParser(target=tb)
p.feed("<r>a<!--c-->b<?pi d?>c</r>")
r = p.close()
print([(getattr(x.tag, "__name__", x.tag), x.text, x.tail) for x in r], r.text)

tb = ET.TreeBuilder()
tb.start("a", {})
tb.data("x")
tb.data("y")
tb.start("b", {"k": "v"})
tb.end("b")
tb.data("tail")
print(ET.tostring(tb.end("a")), ET.tostring(tb.close()))

p = ET.XMLParser()
p.entity["ent"] = "ENTITY"
p.feed('<!DOCTYPE a SYSTEM "x.dtd"><a>&ent;</a>')
print(p.close().text, p.version)
p = ET.XMLParser()
try:
    p.feed('<!DOCTYPE a SYSTEM "x.dtd"><a>&nope;</a>')
except ET.ParseError as e:
    print(e, e.code, e.position)

for bad in ("<a><b></a>", "<a>&undefined;</a>", "<a></a><b/>", "", "<a x='1' x='2'/>"):
    try:
        ET.fromstring(bad)
    except ET.ParseError as e:
        print(type(e).__name__, e, e.code, e.position)

try:
    tb = ET.TreeBuilder()
    tb.end("x")
except IndexError as e:
    print("IndexError", e)
try:
    ET.XMLParser(target=Target())._setevents([], ["start"])
except TypeError as e:
    print("TypeError", e)
try:
    ET.XMLParser()._setevents([], ["nope"])
except ValueError as e:
    print("ValueError", e)
print(ET.tostring(ET.parse(io.StringIO("<s>text é</s>")).getroot(), encoding="unicode"))
