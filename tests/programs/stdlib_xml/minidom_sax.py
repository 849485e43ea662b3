# xml.dom.minidom, xml.dom.pulldom and xml.sax over pyexpat.
import io
import xml.sax
import xml.sax.handler
from xml.dom import minidom, pulldom
from xml.sax.saxutils import XMLGenerator

doc = minidom.parseString(
    '<?xml version="1.0"?>\n<!DOCTYPE doc [<!ENTITY e "ent">]>'
    '<doc xmlns:n="urn:n"><p a="1" n:b="2">hi &e; <i>there</i></p>'
    '<!--note--><?target data?><![CDATA[<cdata>]]><empty/></doc>'
)
print(doc.documentElement.tagName, doc.doctype.name, [e for e in doc.doctype.entities.keys()])
p = doc.getElementsByTagName("p")[0]
print(p.getAttribute("a"), p.getAttributeNS("urn:n", "b"), [c.nodeType for c in p.childNodes])
print(doc.documentElement.toxml())
print(doc.toprettyxml(indent="  "))
print(doc.toxml(encoding="utf-8"))
e = doc.createElement("new")
e.setAttribute("k", "v<")
e.appendChild(doc.createTextNode("a&b"))
doc.documentElement.appendChild(e)
print(e.toxml())
try:
    minidom.parseString("<a><b></a>")
except Exception as exc:
    print(type(exc).__name__, exc)

print("--- pulldom")
events = pulldom.parseString("<r><x>1</x><y/></r>")
for ev, node in events:
    if ev == pulldom.START_ELEMENT:
        print(ev, node.tagName)
        if node.tagName == "x":
            events.expandNode(node)
            print("  expanded", node.toxml())


print("--- sax")


class Handler(xml.sax.handler.ContentHandler):
    def startDocument(self):
        print("startDocument")

    def endDocument(self):
        print("endDocument")

    def startElement(self, name, attrs):
        print("start", name, sorted(attrs.items()), attrs.getLength())

    def endElement(self, name):
        print("end", name)

    def characters(self, content):
        print("chars", repr(content))

    def processingInstruction(self, target, data):
        print("pi", target, data)

    def startPrefixMapping(self, prefix, uri):
        print("prefix", prefix, uri)

    def startElementNS(self, name, qname, attrs):
        print("startNS", name, qname, sorted(attrs.items()))

    def endElementNS(self, name, qname):
        print("endNS", name, qname)


SRC = b'<r xmlns:p="urn:p"><p:a k="v">text</p:a><?pi d?><b/></r>'
xml.sax.parseString(SRC, Handler())
parser = xml.sax.make_parser()
parser.setFeature(xml.sax.handler.feature_namespaces, True)
parser.setContentHandler(Handler())
parser.parse(io.BytesIO(SRC))


class Errors(xml.sax.handler.ErrorHandler):
    def fatalError(self, exc):
        print("fatal", exc.getMessage(), exc.getLineNumber(), exc.getColumnNumber())
        raise exc


try:
    xml.sax.parseString(b"<a>\n<b></a>", xml.sax.handler.ContentHandler(), Errors())
except xml.sax.SAXParseException as exc:
    print("SAXParseException", exc)

incremental = xml.sax.make_parser()
incremental.setContentHandler(Handler())
for piece in [b"<r>", b"a", b"b</r>"]:
    incremental.feed(piece)
incremental.close()

out = io.StringIO()
gen = XMLGenerator(out, "utf-8")
gen.startDocument()
gen.startElement("root", {"a": "1&2"})
gen.characters("<text>")
gen.endElement("root")
gen.endDocument()
print(out.getvalue())
