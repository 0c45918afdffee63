package dev.switchboard.host.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** xml_decode, xml_xpath and xml_encode read XML bodies as Cerb's SimpleXML helpers do, without XXE. */
class TestXmlHelpers {
    private static final String ORDER = "<?xml version=\"1.0\"?><order id=\"7\"><customer>Joe Customer</customer>"
            + "<items><item sku=\"A1\">Widget</item><item sku=\"B2\">Gadget</item></items></order>";
    private final TemplateEngine templates = new TemplateEngine();

    private String render(String template, String body) {
        return templates.render(template, new HashMap<>(Map.of("http_body", body)));
    }

    @Test
    void elementsPrintTheirTextAndChildrenAreAttributes() {
        assertThat(render("{% set xml = xml_decode(http_body) %}{{ xml.customer }}|{{ xml.items.item }}", ORDER))
                .isEqualTo("Joe Customer|Widget");
    }

    @Test
    void xpathFindsElementsAndAttributes() {
        assertThat(render("{% set xml = xml_decode(http_body) %}"
                + "{% for item in xml_xpath(xml, '//item') %}{{ item }};{% endfor %}"
                + "{{ xml_xpath(xml, '//item/@sku')|join(',') }}|{{ xml_xpath(xml, '//item', 1) }}", ORDER))
                .isEqualTo("Widget;Gadget;A1,B2|Gadget");
    }

    @Test
    void namespacesAreRegisteredForXpath() {
        String feed = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>News</title></feed>";
        assertThat(render("{% set xml = xml_decode(http_body, {'a': 'http://www.w3.org/2005/Atom'}) %}"
                + "{{ xml_xpath(xml, '//a:title', 0) }}", feed)).isEqualTo("News");
    }

    @Test
    void encodeWritesTheDocumentOrAnElement() {
        assertThat(render("{{ xml_encode(xml_decode(http_body)) }}", "<a><b>x</b><c/></a>"))
                .isEqualTo("<?xml version=\"1.0\"?>\n<a><b>x</b><c/></a>\n");
        assertThat(render("{{ xml_encode(xml_xpath(xml_decode(http_body), '//b', 0)) }}", "<a><b>x</b></a>"))
                .isEqualTo("<b>x</b>");
    }

    @Test
    void malformedXmlAndDoctypesGiveFalseNotFiles() {
        assertThat(render("{{ xml_decode(http_body) ? 'parsed' : 'false' }}", "<a><b></a>")).isEqualTo("false");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>";
        assertThat(render("{{ xml_decode(http_body) ? 'parsed' : 'false' }}", xxe)).isEqualTo("false");
        assertThat(render("[{{ xml_xpath('not xml', '//a') }}]", "")).isEqualTo("[]");
    }
}
