package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Forms read from the body's bytes, as the live call and replay both read them: urlencoded, and multipart with the
 * shapes clients send (preamble, quoted boundary, escaped names, repeated fields, file parts) and broken ones
 * (truncated, no boundary), which give what could be read and never throw.
 */
class TestFormData {
    private static final String B = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

    @Test
    void queryStringsAreFieldsWithRepeatsInOrder() {
        assertThat(FormData.urlEncoded("a=1&&b&a=%zz&c=x+y")).containsExactly(Map.entry("a", List.of("1", "%zz")),
                Map.entry("b", List.of("")), Map.entry("c", List.of("x y")));
        assertThat(FormData.urlEncoded(null)).isEmpty();
    }

    @Test
    void urlencodedBodiesAreFields() {
        assertThat(FormData.parse("application/x-www-form-urlencoded; charset=UTF-8", bytes("a=1&b=x+y&a=%C3%A9")))
                .isEqualTo(Map.of("a", List.of("1", "é"), "b", List.of("x y")));
        assertThat(FormData.parse("text/plain", bytes("a=1"))).isEmpty();
        assertThat(FormData.parse(null, bytes("a=1"))).isEmpty();
    }

    @Test
    void multipartTextPartsAreFieldsInOrderAndFilePartsAreLeftOut() {
        String body = "preamble to ignore\r\n"
                + "--" + B + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nJoe \"J\" Customer\r\n"
                + "--" + B + "\r\ncontent-disposition: form-data; name=\"tags[]\"\r\n\r\na\r\n"
                + "--" + B + "\r\nContent-Disposition: form-data; name=\"tags[]\"\r\n\r\nb\r\n"
                + "--" + B + "\r\nContent-Disposition: form-data; name=\"we\\\"ird\"\r\n\r\nline 1\r\nline 2\r\n"
                + "--" + B + "\r\nContent-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n"
                + "--" + B + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\u0000\u0001--not-a-boundary\r\n"
                + "--" + B + "\r\n\r\nno headers at all\r\n"
                + "--" + B + "--\r\nepilogue";
        Map<String, List<String>> form = FormData.parse("multipart/form-data; boundary=\"" + B + "\"", bytes(body));
        assertThat(form).containsExactly(Map.entry("name", List.of("Joe \"J\" Customer")),
                Map.entry("tags[]", List.of("a", "b")), Map.entry("we\"ird", List.of("line 1\r\nline 2")),
                Map.entry("empty", List.of("")));
    }

    @Test
    void brokenMultipartGivesWhatCouldBeReadAndNeverThrows() {
        String complete = "--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n";
        String truncated = complete + "--" + B + "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2 and cut";
        assertThat(FormData.parse("multipart/form-data; boundary=" + B, bytes(truncated)))
                .isEqualTo(Map.of("a", List.of("1")));
        assertThat(FormData.parse("multipart/form-data", bytes(complete + "--" + B + "--"))).isEmpty();
        assertThat(FormData.parse("multipart/form-data; boundary=other", bytes(complete))).isEmpty();
        for (int cut = 0; cut <= truncated.length(); cut++) {
            FormData.parse("multipart/form-data; boundary=" + B, bytes(truncated.substring(0, cut)));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
