package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.Json;
import dev.switchboard.api.Row;
import dev.switchboard.api.Secrets;
import dev.switchboard.api.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Subscriptions in {@code webhook_subscription}, secrets sealed with the host's key ({@link Secrets#seal}). */
final class SubscriptionStore {
    private static final String COLUMNS = "name, description, enabled, url, events, filter, payload_format, "
            + "payload_template, post_mode, auth_type, auth_username, auth_secret, header_name, header_value, secret, "
            + "previous_secret, previous_secret_until, github_signature, secret_in_payload, disabled_reason, "
            + "created_at, updated_at, rate_limit";

    private final Secrets box;
    private final Json json;

    SubscriptionStore(Secrets box, Json json) {
        this.box = box;
        this.json = json;
    }

    /** Stores a new subscription and returns its id. @throws HttpStatusException 422 when the name is taken */
    long insert(Sql sql, Subscription s) {
        requireFreeName(sql, s.name(), 0);
        return sql.insert("INSERT INTO webhook_subscription(" + COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values(s, false));
    }

    /** Replaces a stored subscription. @throws HttpStatusException 422 when the name is taken */
    void update(Sql sql, Subscription s) {
        requireFreeName(sql, s.name(), s.id());
        sql.update("UPDATE webhook_subscription SET " + COLUMNS.replace(",", " = ?,") + " = ? WHERE id = ?",
                values(s, true));
    }

    /** Deletes one; false when it did not exist. */
    boolean delete(Sql sql, long id) {
        return sql.update("DELETE FROM webhook_subscription WHERE id = ?", id) == 1;
    }

    Optional<Subscription> find(Sql sql, long id) {
        return sql.first("SELECT * FROM webhook_subscription WHERE id = ?", id).map(this::map);
    }

    List<Subscription> list(Sql sql) {
        return sql.query("SELECT * FROM webhook_subscription ORDER BY id").stream().map(this::map).toList();
    }

    private void requireFreeName(Sql sql, String name, long id) {
        if (sql.first("SELECT id FROM webhook_subscription WHERE name = ? AND id <> ?", name, id).isPresent()) {
            throw new HttpStatusException(422, "a subscription named '" + name + "' already exists", "name");
        }
    }

    private Object[] values(Subscription s, boolean withId) {
        List<Object> v = new ArrayList<>(List.of(s.name(), s.description(), s.enabled(), s.url(),
                json.write(s.events())));
        v.add(s.filter());
        v.add(s.payloadFormat());
        v.add(s.payloadTemplate());
        v.add(s.postMode());
        v.add(s.auth().type());
        v.add(s.auth().username());
        v.add(box.seal(s.auth().credential()));
        v.add(s.customHeader() == null ? null : s.customHeader().name());
        v.add(s.customHeader() == null ? null : box.seal(s.customHeader().value()));
        v.add(box.seal(s.secret()));
        v.add(box.seal(s.previousSecret()));
        v.add(s.previousSecretUntil());
        v.add(s.githubSignature());
        v.add(s.secretInPayload());
        v.add(s.disabledReason());
        v.add(s.createdAt());
        v.add(s.updatedAt());
        v.add(s.rateLimit());
        if (withId) {
            v.add(s.id());
        }
        return v.toArray();
    }

    private static Integer rateLimit(Row r) {
        Long v = r.getLong("rate_limit");
        return v == null ? null : v.intValue();
    }

    private Subscription map(Row r) {
        List<String> events = ((List<?>) json.parse(r.getString("events"))).stream().map(String::valueOf).toList();
        String headerName = r.getString("header_name");
        return new Subscription(r.getLong("id"), r.getString("name"), r.getString("description"),
                r.getBoolean("enabled"), r.getString("url"), events, r.getString("filter"),
                r.getString("payload_format"), r.getString("payload_template"), r.getString("post_mode"),
                new Subscription.Auth(r.getString("auth_type"), r.getString("auth_username"),
                        box.open(r.getBytes("auth_secret"))),
                headerName == null ? null
                        : new Subscription.CustomHeader(headerName, box.open(r.getBytes("header_value"))),
                box.open(r.getBytes("secret")), box.open(r.getBytes("previous_secret")),
                r.getLong("previous_secret_until"), r.getBoolean("github_signature"),
                r.getBoolean("secret_in_payload"), rateLimit(r), r.getString("disabled_reason"), r.getLong("created_at"),
                r.getLong("updated_at"));
    }
}
