package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * An admin page session made over HTTP as the page makes it: the {@code Cookie} header value to send back, the
 * session's CSRF token, and the whole {@code Set-Cookie} header for tests that check its attributes.
 */
public record SignedIn(String cookie, String csrf, String setCookie) {
    private static final HostJson JSON = new HostJson();

    /** Signs in with {@code token} through {@code POST /admin/login}, which must answer 200. */
    public static SignedIn as(TestHost host, String token) {
        HttpResponse<String> r = host.anonymous("POST", "/admin/login", "{\"token\": " + JSON.write(token) + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return new SignedIn(setCookie.substring(0, setCookie.indexOf(';')),
                (String) ((Map<?, ?>) JSON.parse(r.body())).get("csrf"), setCookie);
    }
}
