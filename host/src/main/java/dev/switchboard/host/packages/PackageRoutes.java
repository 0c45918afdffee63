package dev.switchboard.host.packages;

import dev.switchboard.api.Field;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.engine.BehaviorEngine;
import dev.switchboard.host.http.Api;
import dev.switchboard.host.http.ApiRoutes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/packages/import} (body: the package JSON as Cerb exports it; prompt answers as query
 * parameters named by prompt key; {@code bot_id} for the single-behavior form; {@code on_duplicate=import_again} to
 * import a package whose bot or behavior exists already, which is otherwise refused with 409 naming them) and
 * {@code GET /api/bots/{id}/export}; {@code GET /api/packages/library} lists the sample packages plugins bundle and
 * {@code GET /api/packages/library/{plugin}/{file}} answers one as the plugin ships it. A package that needs what
 * this host lacks is refused with the usual error body plus {@code missing: [{capability, path}]}, every missing
 * event, action, section, plugin and record type by its Cerb name.
 */
public final class PackageRoutes implements ApiRoutes {
    /** The query parameter that says what to do with a package imported before; its one value. */
    static final String ON_DUPLICATE = "on_duplicate";
    static final String IMPORT_AGAIN = "import_again";

    private final PackageImporter importer;
    private final PackageExporter exporter;
    private final AuditLog audit;
    private final PackageLibrary library;

    public PackageRoutes(PackageImporter importer, BehaviorEngine engine, AuditLog audit, PackageLibrary library) {
        this.importer = importer;
        this.library = library;
        this.exporter = new PackageExporter(engine);
        this.audit = audit;
    }

    @Override
    public void register(Api api) {
        api.post("/api/packages/import", ctx -> {
            byte[] body = api.bodyBytes(ctx);
            Map<String, String> prompts = new LinkedHashMap<>();
            ctx.queryParamMap().forEach((k, v) -> {
                if (!v.isEmpty() && !k.equals("bot_id") && !k.equals(ON_DUPLICATE)) {
                    prompts.put(k, v.get(0));
                }
            });
            Long botId = null;
            String rawBot = ctx.queryParam("bot_id");
            if (rawBot != null && !rawBot.isBlank()) {
                try {
                    botId = Long.parseLong(rawBot.trim());
                } catch (NumberFormatException e) {
                    throw new HttpStatusException(400, "query parameter 'bot_id' must be a bot id", "bot_id");
                }
            }
            String onDuplicate = ctx.queryParam(ON_DUPLICATE);
            if (onDuplicate != null && !onDuplicate.equals(IMPORT_AGAIN)) {
                throw new HttpStatusException(400, "query parameter '" + ON_DUPLICATE + "' must be '" + IMPORT_AGAIN
                        + "' (leave it out to refuse a package imported before)", ON_DUPLICATE);
            }
            PackageImporter.Result r;
            try {
                r = importer.importPackage(new String(body, StandardCharsets.UTF_8),
                        new PackageImporter.Options(prompts, botId, Api.principal(ctx), onDuplicate != null));
            } catch (DuplicateImportException e) {
                api.json(ctx, 409, Map.of("error", existing(e)));
                return;
            } catch (PackageException e) {
                if (e.missing().isEmpty()) {
                    throw e;
                }
                api.json(ctx, e.status(), Map.of("error", missing(e)));
                return;
            }
            api.json(ctx, 201, r.toJson());
        }).summary("Imports a Cerb package: validated first, written in one transaction")
                .status(201).response(Imported.class);
        api.get("/api/packages/library", ctx -> api.json(ctx, 200, Map.of("packages", library.list())))
                .summary("The sample packages the started plugins ship").response(Library.class);
        api.get("/api/packages/library/{plugin}/{file}", ctx -> ctx.status(200).contentType("application/json")
                .result(library.read(ctx.pathParam("plugin"), ctx.pathParam("file"))))
                        .summary("One sample package, as JSON");
        api.get("/api/bots/{id}/export", ctx -> {
            long id = Api.idParam(ctx, "id");
            Map<String, Object> pkg = exporter.exportBot(id)
                    .orElseThrow(() -> new HttpStatusException(404, "no bot with id " + id));
            audit.record(Api.principal(ctx), "bot.export", "bot:" + id, Map.of());
            api.json(ctx, 200, pkg);
        }).summary("A bot and its behaviors as a Cerb package").response(Exported.class);
    }

    /** The usual error body, saying how to import again, plus {@code existing}: what the package would copy. */
    private static Map<String, Object> existing(DuplicateImportException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 409);
        body.put("message", e.getMessage() + "; to do that, repeat the import with ?" + ON_DUPLICATE + "="
                + IMPORT_AGAIN);
        body.put("path", e.path());
        body.put("existing", e.existing().stream().map(x -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", x.kind());
            item.put("id", x.id());
            item.put("name", x.name());
            item.put("path", x.path());
            return item;
        }).toList());
        return body;
    }

    /** The usual error body plus {@code missing}: each capability the package needs, with where it asks for it. */
    private static Map<String, Object> missing(PackageException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", e.status());
        body.put("message", e.getMessage());
        body.put("path", e.path());
        body.put("missing", e.missing().stream().map(m -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("capability", m.capability());
            item.put("path", m.path());
            return item;
        }).toList());
        return body;
    }

    /** What an import created, for the API document. */
    record Imported(List<Map<String, Object>> bots, List<Map<String, Object>> behaviors,
                    List<Map<String, Object>> records, List<Map<String, Object>> behaviorNodes) {
    }

    /** The sample packages. */
    record Library(List<Map<String, Object>> packages) {
    }

    /** An exported package ({@code package}, a Java keyword, is not named here). */
    record Exported(List<Map<String, Object>> bots) {
    }
}
