/**
 * The Switchboard plugin API: the only types a plugin compiles against (plus PF4J's {@code @Extension}).
 *
 * <p>A plugin contributes extensions, each a class annotated with {@code @org.pf4j.Extension} that implements one
 * extension point of this package:
 * <ul>
 *   <li>{@link dev.switchboard.api.EventType} — an event bots can react to, with its placeholders;</li>
 *   <li>{@link dev.switchboard.api.Action} — a step a behavior can run;</li>
 *   <li>{@link dev.switchboard.api.HttpRoutes} — any number of routes the host serves on the plugin's behalf, with
 *       typed inputs ({@link dev.switchboard.api.HttpRequest#bodyAs(Class, long)}) (since 1.4.0);</li>
 *   <li>{@link dev.switchboard.api.HttpEndpoint} — one route pattern per class (the older form; still served);</li>
 *   <li>{@link dev.switchboard.api.EventListener} — told of host events (ticket changes…), may veto inside the
 *       writing transaction;</li>
 *   <li>{@link dev.switchboard.api.RecordType} — a record kind that packages can create ({@code records[]});</li>
 *   <li>{@link dev.switchboard.api.HealthCheck} — reports to {@code /health} when the plugin cannot do its work
 *       (since 1.3.0).</li>
 * </ul>
 *
 * <p>Extensions receive host services through their constructor: a public constructor may take a
 * {@link dev.switchboard.api.PluginHost} and/or the plugin's own {@link dev.switchboard.api.SwitchboardPlugin}
 * subclass. The host creates one instance of each extension per plugin start.
 *
 * <pre>{@code
 * @Extension
 * public final class Shout implements Action {
 *     public String id() { return "shout"; }
 *     public String label() { return "Shout a variable"; }
 *     public List<ActionParam> params() { return List.of(ActionParam.template("var", true, "variable to set"),
 *                                                       ActionParam.template("value", true, "text")); }
 *     public void execute(ActionContext ctx, Map<String, Object> params) {
 *         ctx.dictionary().put((String) params.get("var"), ((String) params.get("value")).toUpperCase());
 *     }
 * }
 * }</pre>
 *
 * <p>Storage: a plugin's Flyway migrations live under {@code db/<plugin-id>/} in its jar ({@code V1__init.sql} …)
 * and run when the plugin is first enabled, with a history table of their own. Write portable SQL (it also runs on
 * PostgreSQL): {@code BIGINT} ids, times as epoch milliseconds in {@code BIGINT}, flags as {@code INTEGER} 0/1.
 *
 * <p>Logging: use {@code System.getLogger(...)}; the host routes it to its log.
 *
 * <p>No type from Javalin, Jdbi, Jackson or Jinjava appears here, so plugins keep working when the host upgrades
 * its libraries.
 */
package dev.switchboard.api;
