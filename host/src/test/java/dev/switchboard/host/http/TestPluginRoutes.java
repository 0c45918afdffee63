package dev.switchboard.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.TestHost;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The routes extension point with real plugin jars built from third-party-style sources: many routes per extension,
 * typed inputs (strict record binding with the one 400/422 rule, typed path and query parameters, form fields from
 * the one parser, multipart included), 405 with {@code Allow} answered by the host for host and plugin paths, every
 * route listed at {@code GET /api/routes}, and plugins whose routes clash or are malformed refused at start with a
 * message naming both routes.
 */
class TestPluginRoutes {
    private static final HostJson JSON = new HostJson();

    static PluginJar notes() {
        return new PluginJar("acme-notes", "acme.notes.NotesPlugin")
                .source("acme.notes.NotesPlugin", """
                        package acme.notes;

                        import dev.switchboard.api.PluginHost;
                        import dev.switchboard.api.SwitchboardPlugin;

                        public final class NotesPlugin extends SwitchboardPlugin {
                            public NotesPlugin(PluginHost host) { super(host); }
                        }
                        """)
                .source("acme.notes.NoteInput", """
                        package acme.notes;

                        import dev.switchboard.api.Field;
                        import java.util.List;

                        public record NoteInput(@Field(maxLength = 20) String title,
                                                @Field(required = false, min = 1, max = 10) Integer rank,
                                                @Field(required = false) List<Tag> tags, boolean pinned) {
                            public NoteInput {
                                if (title.isBlank()) {
                                    throw new IllegalArgumentException("title must not be blank");
                                }
                            }

                            public record Tag(String name, Kind kind) { }

                            public enum Kind { COLOUR, TOPIC }
                        }
                        """)
                .source("acme.notes.NotesRoutes", """
                        package acme.notes;

                        import dev.switchboard.api.*;
                        import dev.switchboard.api.HttpEndpoint.Access;
                        import java.util.*;
                        import org.pf4j.Extension;

                        @Extension
                        public final class NotesRoutes implements HttpRoutes {
                            private final PluginHost host;
                            public NotesRoutes(PluginHost host) { this.host = host; }

                            public void routes(Routes r) {
                                r.get("/api/notes", Access.ADMIN, req -> HttpResponse.text(200,
                                        "limit " + req.queryLong("limit", 20, 1, 100))).summary("Lists notes");
                                r.post("/api/notes", Access.ADMIN, req -> {
                                    NoteInput in = req.bodyAs(NoteInput.class, 4096);
                                    return HttpResponse.text(201, in.toString());
                                }).summary("Creates a note").body(NoteInput.class).status(201, "the note");
                                r.get("/api/notes/{id}", Access.ADMIN, req -> HttpResponse.text(200,
                                        "note " + req.pathLong("id") + " for " + req.principal()));
                                r.post("/acme/forms/{name}", Access.PUBLIC, req -> HttpResponse.json(200,
                                        host.json().write(req.formParams(4096))));
                            }
                        }
                        """)
                .extension("acme.notes.NotesRoutes");
    }

    /** A plugin whose one route is declared by {@code code}, a statement on {@code r}. */
    static PluginJar declaring(String id, String code) {
        String pkg = "acme." + id.replace("-", "");
        return new PluginJar(id, pkg + ".P")
                .source(pkg + ".P", "package " + pkg + ";\n"
                        + "public final class P extends dev.switchboard.api.SwitchboardPlugin {\n"
                        + "    public P(dev.switchboard.api.PluginHost host) { super(host); }\n}\n")
                .source(pkg + ".R", "package " + pkg + ";\n"
                        + "import dev.switchboard.api.*;\nimport dev.switchboard.api.HttpEndpoint.Access;\n"
                        + "@org.pf4j.Extension\npublic final class R implements HttpRoutes {\n"
                        + "    public void routes(Routes r) { " + code + " }\n}\n")
                .extension(pkg + ".R");
    }

    @Test
    void typedInputsFollowOneRule() {
        try (TestHost host = PluginJar.hostWith(notes())) {
            assertThat(host.admin("POST", "/api/plugins/acme-notes/enable", null).statusCode()).isEqualTo(200);

            HttpResponse<String> ok = host.admin("POST", "/api/notes",
                    "{\"title\": \"Hi\", \"rank\": 3, \"tags\": [{\"name\": \"red\", \"kind\": \"colour\"}], "
                            + "\"pinned\": true}");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
            assertThat(ok.body()).isEqualTo("NoteInput[title=Hi, rank=3, tags=[Tag[name=red, kind=COLOUR]], "
                    + "pinned=true]");
            assertThat(host.admin("POST", "/api/notes", "{\"title\": \"Hi\", \"pinned\": false}").body())
                    .isEqualTo("NoteInput[title=Hi, rank=null, tags=null, pinned=false]");

            // Not JSON (or nothing) is a 400; JSON that does not bind is a 422 naming the field.
            assertThat(host.admin("POST", "/api/notes", "{\"title\": ").statusCode()).isEqualTo(400);
            assertThat(host.admin("POST", "/api/notes", "").statusCode()).isEqualTo(400);
            Map<String, String> unbound = Map.of(
                    "{\"title\": \"a\", \"pinned\": true, \"colour\": 1}", "colour",
                    "{\"title\": 7, \"pinned\": true}", "title",
                    "{\"title\": \"a\", \"pinned\": \"yes\"}", "pinned",
                    "{\"title\": \"a\", \"pinned\": true, \"rank\": 11}", "rank",
                    "{\"title\": \"a\", \"pinned\": true, \"rank\": 1.5}", "rank",
                    "{\"pinned\": true}", "title",
                    "{\"title\": \"a\"}", "pinned",
                    "{\"title\": \"123456789012345678901\", \"pinned\": true}", "title",
                    "{\"title\": \"a\", \"pinned\": true, \"tags\": [{\"name\": \"x\", \"kind\": \"topic\"}, "
                            + "{\"name\": \"y\", \"kind\": \"size\"}]}", "tags[1].kind",
                    "{\"title\": \"a\", \"pinned\": true, \"tags\": [{\"name\": \"x\", \"kind\": \"topic\", "
                            + "\"extra\": 1}]}", "tags[0].extra");
            unbound.forEach((body, field) -> {
                HttpResponse<String> r = host.admin("POST", "/api/notes", body);
                assertThat(r.statusCode()).as(body + " → " + r.body()).isEqualTo(422);
                assertThat(r.body()).as(body).contains("\"path\":\"" + field + "\"");
            });
            HttpResponse<String> blank = host.admin("POST", "/api/notes", "{\"title\": \" \", \"pinned\": true}");
            assertThat(blank.statusCode()).isEqualTo(422);
            assertThat(blank.body()).contains("title must not be blank");
            assertThat(host.admin("POST", "/api/notes", "[1]").statusCode()).isEqualTo(422);

            assertThat(host.admin("GET", "/api/notes/12", null).body()).isEqualTo("note 12 for admin");
            HttpResponse<String> notANumber = host.admin("GET", "/api/notes/twelve", null);
            assertThat(notANumber.statusCode()).isEqualTo(404);
            assertThat(notANumber.body()).contains("\"path\":\"id\"");
            assertThat(host.admin("GET", "/api/notes?limit=5", null).body()).isEqualTo("limit 5");
            assertThat(host.admin("GET", "/api/notes", null).body()).isEqualTo("limit 20");
            for (String bad : List.of("0", "101", "ten")) {
                HttpResponse<String> r = host.admin("GET", "/api/notes?limit=" + bad, null);
                assertThat(r.statusCode()).as(bad).isEqualTo(400);
                assertThat(r.body()).contains("\"path\":\"limit\"", "from 1 to 100");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void formFieldsComeFromTheOneParserMultipartIncluded() {
        try (TestHost host = PluginJar.hostWith(notes())) {
            host.admin("POST", "/api/plugins/acme-notes/enable", null);
            String boundary = "----acme7MA4YWxkTrZu0gW";
            String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"who\"\r\n\r\nAnn\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"tags[]\"\r\n\r\na\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"tags[]\"\r\n\r\nb\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\nfile bytes\r\n"
                    + "--" + boundary + "--\r\n";
            HttpResponse<String> r = host.send(HttpRequest.newBuilder(URI.create(host.url() + "/acme/forms/x"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(multipart)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat((Map<String, Object>) JSON.parse(r.body()))
                    .containsExactly(Map.entry("who", List.of("Ann")), Map.entry("tags[]", List.of("a", "b")));
            HttpResponse<String> form = host.send(HttpRequest.newBuilder(URI.create(host.url() + "/acme/forms/x"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("a=1&b=x+y&a=2")));
            assertThat(JSON.parse(form.body())).isEqualTo(Map.of("a", List.of("1", "2"), "b", List.of("x y")));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHostAnswers405WithAllowAndListsEveryRoute() {
        try (TestHost host = PluginJar.hostWith(notes())) {
            host.admin("POST", "/api/plugins/acme-notes/enable", null);
            HttpResponse<String> plugin = host.admin("DELETE", "/api/notes", null);
            assertThat(plugin.statusCode()).isEqualTo(405);
            assertThat(plugin.headers().firstValue("Allow")).hasValue("GET, POST");
            assertThat(plugin.body()).contains("\"status\":405");
            HttpResponse<String> hostRoute = host.admin("PUT", "/api/tickets/1", "{}");
            assertThat(hostRoute.statusCode()).isEqualTo(405);
            assertThat(hostRoute.headers().firstValue("Allow")).hasValue("DELETE, GET, PATCH");
            assertThat(host.anonymous("GET", "/acme/forms/x", null).headers().firstValue("Allow")).hasValue("POST");
            assertThat(host.admin("GET", "/api/nothing/here", null).statusCode()).isEqualTo(404);

            List<Map<String, Object>> routes = (List<Map<String, Object>>) ((Map<String, Object>) JSON.parse(
                    host.admin("GET", "/api/routes", null).body())).get("routes");
            assertThat(routes).contains(
                    Map.of("method", "POST", "path", "/api/notes", "access", "admin", "owner", "acme-notes",
                            "summary", "Creates a note"),
                    route("POST", "/acme/forms/{name}", "public", "acme-notes", null),
                    route("GET", "/api/tickets/{id}", "admin", "host", "One ticket"),
                    route("GET", "/health", "public", "host", "Liveness and the checks of the host and plugins"));
            assertThat(routes).filteredOn(r -> r.get("path").equals("/api/routes")).hasSize(1);

            host.admin("POST", "/api/plugins/acme-notes/disable", null);
            assertThat(host.admin("DELETE", "/api/notes", null).statusCode()).isEqualTo(404);
            assertThat(host.admin("GET", "/api/routes", null).body()).doesNotContain("acme-notes");
            assertThat(host.anonymous("GET", "/api/routes", null).statusCode()).isEqualTo(401);
        }
    }

    private static Map<String, Object> route(String method, String path, String access, String owner,
                                             String summary) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("method", method);
        m.put("path", path);
        m.put("access", access);
        m.put("owner", owner);
        m.put("summary", summary);
        return m;
    }

    @Test
    void clashingOrMalformedRoutesKeepAPluginFromStartingNamingBoth() {
        try (TestHost host = PluginJar.hostWith(notes(),
                declaring("acme-shadow", "r.get(\"/api/tickets/{ticket}\", Access.ADMIN, q -> null);"),
                declaring("acme-twin", "r.post(\"/api/notes\", Access.ADMIN, q -> null);"),
                declaring("acme-any", "r.any(\"/acme/forms/{form}\", Access.PUBLIC, q -> null);"),
                declaring("acme-bad", "r.get(\"/api/bad/{a}/{a}\", Access.ADMIN, q -> null);"),
                declaring("acme-open", "r.get(\"/api/open\", Access.PUBLIC, q -> null);"))) {
            assertThat(host.admin("POST", "/api/plugins/acme-notes/enable", null).statusCode()).isEqualTo(200);
            Map<String, List<String>> refused = Map.of(
                    "acme-shadow", List.of("GET /api/tickets/{ticket} of plugin acme-shadow clashes with "
                            + "GET /api/tickets/{id} of the host"),
                    "acme-twin", List.of("POST /api/notes of plugin acme-twin clashes with POST /api/notes of "
                            + "plugin acme-notes"),
                    "acme-any", List.of("any method /acme/forms/{form} of plugin acme-any clashes with "
                            + "POST /acme/forms/{name} of plugin acme-notes"),
                    "acme-bad", List.of("parameter 'a' is used twice: /api/bad/{a}/{a}"),
                    "acme-open", List.of("public route GET /api/open of acme-open must not be under /api/"));
            refused.forEach((id, messages) -> {
                HttpResponse<String> r = host.admin("POST", "/api/plugins/" + id + "/enable", null);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
                messages.forEach(m -> assertThat(r.body()).as(id).contains(m));
            });
            // The host and the first plugin keep serving.
            assertThat(host.admin("GET", "/api/notes/1", null).statusCode()).isEqualTo(200);
            assertThat(host.admin("GET", "/api/tickets", null).statusCode()).isEqualTo(200);
        }
    }
}
