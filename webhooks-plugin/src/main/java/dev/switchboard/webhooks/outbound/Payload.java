package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.Json;
import dev.switchboard.api.TemplateException;
import dev.switchboard.api.Templates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.xml.sax.SAXException;

/**
 * A delivery's body: the JSON envelope, the same content as XML, or the subscription's Jinja template rendered
 * with the envelope's fields (plus the event data's keys at top level) and checked to be well-formed JSON or XML
 * before anything is sent.
 *
 * <p>XML element names: root {@code <webhook>}; a map key becomes an element of that name when it is a valid XML
 * name, else {@code <entry key="...">}; a list item becomes {@code <item>}; null becomes an empty element with
 * {@code nil="true"}.
 *
 * @param body        the bytes to send
 * @param contentType {@code application/json} or {@code application/xml}
 */
public record Payload(byte[] body, String contentType) {
    private static final Pattern XML_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");

    /** The body could not be made (template failed, or its output is not the declared format). */
    public static final class PayloadException extends Exception {
        private static final long serialVersionUID = 1L;

        PayloadException(String message) {
            super(message);
        }
    }

    /**
     * Builds the body of one delivery for {@code s} from its envelope as the outbox stored it (JSON text). The
     * default JSON payload is that text's bytes as they are, encoded once when the delivery was queued; the other
     * forms read it back.
     */
    public static Payload render(Subscription s, String envelopeJson, Templates templates, Json json)
            throws PayloadException {
        boolean xml = s.payloadFormat().equals("xml");
        String type = xml ? "application/xml" : "application/json";
        boolean secretInPayload = s.secretInPayload() && s.secret() != null;
        if (s.payloadTemplate() == null && !xml && !secretInPayload) {
            return new Payload(utf8(envelopeJson), type);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> envelope = (Map<String, Object>) json.parse(envelopeJson);
        if (s.payloadTemplate() == null) {
            Map<String, Object> content = new LinkedHashMap<>(envelope);
            if (secretInPayload) {
                content.put("secret", s.secret());
            }
            return new Payload(utf8(xml ? toXml(content) : json.write(content)), type);
        }
        String text;
        try {
            text = templates.render(s.payloadTemplate(), variables(envelope));
        } catch (TemplateException e) {
            throw new PayloadException("payload_template failed: " + e.getMessage());
        }
        if (xml) {
            requireXml(text);
        } else {
            try {
                json.parse(text);
            } catch (IllegalArgumentException e) {
                throw new PayloadException("payload_template did not render valid JSON: " + e.getMessage());
            }
        }
        return new Payload(utf8(text), type);
    }

    /** Template variables: {@code event, id, timestamp, data} and each key of {@code data}. */
    static Map<String, Object> variables(Map<String, Object> envelope) {
        Map<String, Object> vars = new LinkedHashMap<>();
        if (envelope.get("data") instanceof Map<?, ?> data) {
            data.forEach((k, v) -> vars.put(String.valueOf(k), v));
        }
        vars.putAll(envelope);
        return vars;
    }

    static String toXml(Map<String, Object> content) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("webhook");
            writeMap(w, content);
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return out.toString();
    }

    private static void writeMap(XMLStreamWriter w, Map<?, ?> map) throws XMLStreamException {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (XML_NAME.matcher(key).matches() && !key.toLowerCase().startsWith("xml")) {
                w.writeStartElement(key);
            } else {
                w.writeStartElement("entry");
                w.writeAttribute("key", clean(key));
            }
            writeValue(w, e.getValue());
            w.writeEndElement();
        }
    }

    private static void writeValue(XMLStreamWriter w, Object value) throws XMLStreamException {
        if (value == null) {
            w.writeAttribute("nil", "true");
        } else if (value instanceof Map<?, ?> map) {
            writeMap(w, map);
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                w.writeStartElement("item");
                writeValue(w, item);
                w.writeEndElement();
            }
        } else {
            w.writeCharacters(clean(String.valueOf(value)));
        }
    }

    /** Replaces characters XML 1.0 cannot carry with U+FFFD. */
    private static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000 ? c : 0xFFFD));
        return out.toString();
    }

    private static void requireXml(String text) throws PayloadException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            builder.parse(new ByteArrayInputStream(utf8(text)));
        } catch (SAXException | IOException e) {
            throw new PayloadException("payload_template did not render well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required feature", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
