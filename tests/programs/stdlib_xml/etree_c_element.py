# The C Element (_elementtree): building, the sequence protocol, attributes,
# find & co., iteration, copies and pickles, and the errors with CPython's
# messages.
import copy
import pickle
import xml.etree.ElementTree as ET
import _elementtree

print(ET.Element is _elementtree.Element, ET.SubElement is _elementtree.SubElement)
print(ET.TreeBuilder is _elementtree.TreeBuilder, ET.XMLParser is _elementtree.XMLParser)

root = ET.Element("root", {"a": "1"}, b="2")
print(root.tag, sorted(root.attrib.items()), root.text, root.tail, len(root))
for i in range(5):
    c = ET.SubElement(root, "child", n=str(i))
    c.text = "t%d" % i
    c.tail = "\n"
print(len(root), [c.get("n") for c in root])
print([c.get("n") for c in root[1:4]], [c.get("n") for c in root[::-2]])
print(root[-1].get("n"), root.find("child").text, root.findtext("child"), root.findtext("missing", "dflt"))
print(len(root.findall("child")), root.find("./child[@n='3']").text, [e.text for e in root.iterfind("child")])
del root[0]
del root[::2]
print([c.get("n") for c in root])
root[0:1] = [ET.Element("x"), ET.Element("y")]
print([c.tag for c in root])
root.insert(0, ET.Element("first"))
root.insert(-100, ET.Element("zeroth"))
root.append(ET.Element("last"))
root.extend([ET.Element("e1"), ET.Element("e2")])
print([c.tag for c in root])
root.remove(root[0])
print([c.tag for c in root], root.keys(), root.items())
root.set("c", "3")
print(root.get("c"), root.get("zz"), root.get("zz", 9))

tree = ET.fromstring("<a>1<b>2<c>3</c>4</b>5<d/>6</a>")
print([e.tag for e in tree.iter()], [e.tag for e in tree.iter("c")], list(tree.itertext()))
print("".join(tree.itertext()), ET.tostring(tree))

# copies and pickles
c1 = copy.copy(tree)
c2 = copy.deepcopy(tree)
print(c1[0] is tree[0], c2[0] is tree[0], ET.tostring(c2) == ET.tostring(tree))
for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
    t2 = pickle.loads(pickle.dumps(tree, proto))
    print(proto, type(t2) is ET.Element, ET.tostring(t2))
print(sorted(tree.__getstate__()))
try:
    pickle.dumps(tree, 0)
except TypeError as ex:
    print(ex)

e = ET.Element("e")
e.clear()
print(repr(e.attrib), e.makeelement("m", {"k": "v"}).attrib)

class MyElement(ET.Element):
    def hello(self):
        return "hello " + self.tag

m = MyElement("sub", {"x": "1"})
m.append(ET.Element("kid"))
print(m.hello(), len(m), type(copy.deepcopy(m)).__name__, repr(m)[:13])


def err(f):
    try:
        f()
    except Exception as ex:
        print(type(ex).__name__, ex)


err(lambda: ET.Element())
err(lambda: ET.Element("a", "b"))
err(lambda: ET.Element("a", attrib=3))
err(lambda: e.append(1))
err(lambda: e.extend(1))
err(lambda: e.extend([1]))
err(lambda: e.insert(0, 1))
err(lambda: e.remove(ET.Element("z")))
err(lambda: e[0])
err(lambda: e["x"])
err(lambda: e.__setitem__(0, ET.Element("q")))
err(lambda: e.__setstate__(1))
err(lambda: e.makeelement("x", 1))
err(lambda: ET.SubElement(1, "x"))
err(lambda: setattr(e, "attrib", 5))
err(lambda: delattr(e, "tag"))
err(lambda: root.__setitem__(slice(None, None, 2), [ET.Element("a")]))
