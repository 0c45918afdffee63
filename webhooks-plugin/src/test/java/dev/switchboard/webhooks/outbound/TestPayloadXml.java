package dev.switchboard.webhooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The XML form of the envelope is well-formed for any content and uses the documented element names. */
class TestPayloadXml {
    @Test
    void anyContentBecomesWellFormedXmlWithTheDocumentedNames() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subject", "a <b> & \"c\" \u0001 \uD83D\uDE00");
        data.put("2bad key", "x");
        data.put("xmlish", "y");
        data.put("tags", Arrays.asList("one", null));
        data.put("none", null);
        Map<String, Object> envelope = Envelope.of("ticket.created", "Ticket created", "msg_1",
                java.time.Instant.EPOCH, Map.of("ticket", data));

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(
                new ByteArrayInputStream(Payload.toXml(envelope).getBytes(StandardCharsets.UTF_8)));

        Element root = doc.getDocumentElement();
        assertThat(root.getNodeName()).isEqualTo("webhook");
        assertThat(doc.getElementsByTagName("id").item(0).getTextContent()).isEqualTo("ticket.created");
        assertThat(doc.getElementsByTagName("subject").item(0).getTextContent())
                .isEqualTo("a <b> & \"c\" \uFFFD \uD83D\uDE00");
        Element entry = (Element) doc.getElementsByTagName("entry").item(0);
        assertThat(entry.getAttribute("key")).isEqualTo("2bad key");
        assertThat(doc.getElementsByTagName("entry").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("item").getLength()).isEqualTo(2);
        assertThat(((Element) doc.getElementsByTagName("none").item(0)).getAttribute("nil")).isEqualTo("true");
        assertThat(doc.getElementsByTagName("timestamp").item(0).getTextContent()).isEqualTo("1970-01-01T00:00:00Z");
    }
}
