package dev.switchboard.host.template;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathFactoryConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An XML element as Cerb's templates see PHP's SimpleXMLElement: printed, it is its own text; {@code x.child} is
 * its first child element of that name; {@code xml_xpath} searches it; {@code xml_encode} writes it back. Parsing
 * refuses DOCTYPEs, so no external entity or entity expansion ever happens (XXE).
 */
final class XmlValue {
    private final Element element;
    private final Map<String, String> namespaces;

    private XmlValue(Element element, Map<String, String> namespaces) {
        this.element = element;
        this.namespaces = namespaces;
    }

    /** {@code xml_decode}: the document's root, or null when the text is not well-formed XML (PHP's false). */
    static XmlValue parse(String text, Map<String, String> namespaces) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // the default handler prints "[Fatal Error]" to stderr; DefaultHandler rethrows fatal errors quietly
            builder.setErrorHandler(new DefaultHandler());
            return new XmlValue(builder.parse(new InputSource(new StringReader(text))).getDocumentElement(),
                    Map.copyOf(namespaces));
        } catch (SAXException | IOException e) {
            return null;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks secure processing", e);
        }
    }

    /** {@code x.name}: the first child element with that local name, or null. */
    XmlValue child(String name) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getNodeName())) {
                return new XmlValue(e, namespaces);
            }
        }
        return null;
    }

    /** {@code xml_xpath}: element matches as XML values, attribute and text matches as their text. */
    List<Object> xpath(String path) {
        XPathFactory factory = XPathFactory.newInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            XPath xpath = factory.newXPath();
            xpath.setNamespaceContext(new Prefixes(namespaces));
            NodeList found = (NodeList) xpath.evaluate(path, element, XPathConstants.NODESET);
            List<Object> out = TemplateValues.newList();
            for (int i = 0; i < found.getLength(); i++) {
                Node n = found.item(i);
                out.add(n instanceof Element e ? new XmlValue(e, namespaces) : n.getTextContent());
            }
            return out;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException("xml_xpath: invalid expression '" + path + "'");
        } catch (XPathFactoryConfigurationException e) {
            throw new IllegalStateException("the JDK's XPath lacks secure processing", e);
        }
    }

    /** {@code xml_encode}: the root with PHP's declaration line, any other element on its own. */
    String asXml() {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(element), new StreamResult(out));
            boolean root = element.getOwnerDocument().getDocumentElement() == element;
            return root ? "<?xml version=\"1.0\"?>\n" + out + "\n" : out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write XML: " + e.getMessage(), e);
        }
    }

    /** SimpleXMLElement's string value: the element's own text, not its children's. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(n.getNodeValue());
            }
        }
        return text.toString();
    }

    /** The prefixes given to xml_decode, for XPath. */
    private record Prefixes(Map<String, String> namespaces) implements NamespaceContext {
        @Override
        public String getNamespaceURI(String prefix) {
            return namespaces.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
        }

        @Override
        public String getPrefix(String uri) {
            return namespaces.entrySet().stream().filter(e -> e.getValue().equals(uri)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }

        @Override
        public Iterator<String> getPrefixes(String uri) {
            return namespaces.entrySet().stream().filter(e -> e.getValue().equals(uri)).map(Map.Entry::getKey)
                    .iterator();
        }
    }
}
