# xml.etree.ElementTree (the pure-Python tree over pyexpat).
import io
import xml.etree.ElementTree as ET

SRC = """<?xml version="1.0"?>
<library xmlns:dc="http://purl.org/dc/elements/1.1/">
  <book id="b1" year="1999">
    <dc:title>Snow Crash</dc:title>
    <author>Stephenson</author>
    <tags><tag>cyberpunk</tag><tag>satire</tag></tags>
  </book>
  <book id="b2" year="2004">
    <dc:title>Cloud Atlas</dc:title>
    <author>Mitchell</author>
    <tags><tag>literary</tag></tags>
  </book>
  <!-- comments are dropped by default -->
  <magazine id="m1"><dc:title>Byte</dc:title></magazine>
</library>
"""
DC = "{http://purl.org/dc/elements/1.1/}"

root = ET.fromstring(SRC)
print(root.tag, len(root), root.attrib)
for book in root.findall("book"):
    print(book.get("id"), book.find(DC + "title").text, book.findtext("author"),
          [t.text for t in book.iter("tag")])
print([e.text for e in root.iterfind(".//" + DC + "title")])
print([b.get("id") for b in root.findall("./book[@year='2004']")])
print([b.get("id") for b in root.findall(".//tags/..")])
print([e.tag for e in root.findall("*")])
print(root.find("book[2]/author").text, root.find("book[last()]").get("id"))
print(root.findall(".//tag[.='satire']")[0].text)
ns = {"dc": "http://purl.org/dc/elements/1.1/"}
print([t.text for t in root.findall(".//dc:title", ns)])
print(root.findtext("nothing", default="dflt"))

print("--- build and serialise")
top = ET.Element("top", {"v": "1"})
child = ET.SubElement(top, "child", name="c&<>\"")
child.text = "text & <stuff>"
child.tail = "\n"
ET.SubElement(top, "empty")
ET.SubElement(top, "{urn:x}q").text = "ns"
print(ET.tostring(top))
print(ET.tostring(top, encoding="unicode"))
print(ET.tostring(top, encoding="unicode", method="text"))
print(ET.tostring(top, encoding="unicode", short_empty_elements=False))
ET.indent(top)
print(ET.tostring(top, encoding="unicode"))
ET.register_namespace("xx", "urn:x")
print(ET.tostring(top, encoding="unicode"))

print("--- parse from a file, ElementTree.write")
tree = ET.parse(io.BytesIO(SRC.encode()))
print(tree.getroot().tag, tree.find("magazine").get("id"))
out = io.BytesIO()
tree.write(out, encoding="utf-8", xml_declaration=True)
print(out.getvalue()[:80])

print("--- iterparse")
for event, elem in ET.iterparse(io.BytesIO(SRC.encode()), events=("start", "end", "start-ns", "end-ns")):
    if event in ("start-ns", "end-ns"):
        print(event, elem)
    elif elem.tag in ("book", DC + "title"):
        print(event, elem.tag, elem.get("id"), (elem.text or "").strip())

print("--- XMLPullParser")
pp = ET.XMLPullParser(events=("start", "end", "comment", "pi"))
for piece in ["<r><a>1</a", "><!-- c --><?p d?><b/>", "</r>"]:
    pp.feed(piece)
    for ev, el in pp.read_events():
        tag = el.tag.__name__ if callable(el.tag) else el.tag
        print(ev, tag, el.text)
pp.close()

print("--- TreeBuilder with comments and PIs")
parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True, insert_pis=True))
r = ET.fromstring("<r><!--c--><?pi data?><x/></r>", parser=parser)
print([(e.tag is ET.Comment, e.tag is ET.PI, e.text) for e in r])
print(ET.tostring(r))

print("--- canonicalize")
print(ET.canonicalize("<a b='2' a='1'><c/></a>"))

print("--- errors")
for bad in ["<a></b>", "<a>", "", "<a><b></a>", "<a>&bogus;</a>", "x"]:
    try:
        ET.fromstring(bad)
    except ET.ParseError as e:
        print(repr(bad), "|", e, "|", e.code, e.position)
try:
    ET.fromstring("<a/>", parser=ET.XMLParser(encoding="nonexistent-enc"))
except LookupError as e:
    print("LookupError", e)
print(ET.fromstring("<a>\xe9\u20ac</a>").text, ET.fromstring(b"<?xml version='1.0' encoding='latin-1'?><a>\xe9</a>").text)
print(ET.fromstring(b"<?xml version='1.0' encoding='utf-16'?><a/>".decode().encode("utf-16")).tag)
print(ET.fromstring(b"<?xml version='1.0' encoding='cp1252'?><a>\x80</a>").text)
