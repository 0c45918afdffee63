package dev.switchboard.host;

import dev.switchboard.host.admin.AdminAuthenticator;
import dev.switchboard.host.admin.AdminPage;
import dev.switchboard.host.admin.AdminSessions;
import dev.switchboard.host.admin.HostPages;
import dev.switchboard.host.admin.LoginThrottle;
import dev.switchboard.host.admin.PluginPages;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.audit.AuditRoutes;
import dev.switchboard.host.auth.TokenRoutes;
import dev.switchboard.host.auth.Tokens;
import dev.switchboard.host.config.Config;
import dev.switchboard.host.config.ConfigException;
import dev.switchboard.host.engine.BehaviorEngine;
import dev.switchboard.host.engine.BehaviorRoutes;
import dev.switchboard.host.engine.editor.EditorRoutes;
import dev.switchboard.host.health.Health;
import dev.switchboard.host.events.EventBus;
import dev.switchboard.host.events.RouteCallEvents;
import dev.switchboard.host.http.ApiRoutes;
import dev.switchboard.host.http.HttpServer;
import dev.switchboard.host.http.TrustedProxies;
import dev.switchboard.host.jobs.ClusterJobs;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.host.metrics.HostMetrics;
import dev.switchboard.host.outbound.AllowlistRoutes;
import dev.switchboard.host.outbound.GuardedHttpClient;
import dev.switchboard.host.packages.PackageImporter;
import dev.switchboard.host.packages.PackageLibrary;
import dev.switchboard.host.packages.PackageRoutes;
import dev.switchboard.host.plugins.HostServices;
import dev.switchboard.host.plugins.PluginRoutes;
import dev.switchboard.host.plugins.PluginStatusStore;
import dev.switchboard.host.plugins.PluginSystem;
import dev.switchboard.host.records.BotRecords;
import dev.switchboard.host.records.RecordRoutes;
import dev.switchboard.host.schedule.BotCalls;
import dev.switchboard.host.secrets.HostSecrets;
import dev.switchboard.host.secrets.SecretBox;
import dev.switchboard.host.storage.HostDatabase;
import dev.switchboard.host.storage.Migrations;
import dev.switchboard.host.template.TemplateEngine;
import dev.switchboard.host.template.TemplateLimits;
import dev.switchboard.host.tickets.CommentRoutes;
import dev.switchboard.host.tickets.Comments;
import dev.switchboard.host.tickets.TicketRoutes;
import dev.switchboard.host.tickets.Tickets;
import dev.switchboard.host.tickets.actions.TicketActions;
import io.micrometer.core.instrument.FunctionCounter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled application: storage, plugins, engine, HTTP. {@link #start} wires and starts everything;
 * {@link #close} stops it in reverse order. Tests start a real Host on port 0 with a temporary data dir.
 */
public final class Host implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Host.class);
    private static final java.util.regex.Pattern BOUND = java.util.regex.Pattern.compile("bind to \\S*:(\\d+)");

    private final Config config;
    private final Clock clock;
    private final HostDatabase db;
    private final HostJson json;
    private final HostMetrics metrics;
    private final GuardedHttpClient outbound;
    private final AuditLog audit;
    private final Tokens tokens;
    private final PluginSystem plugins;
    private final EventBus events;
    private final Tickets tickets;
    private final TemplateEngine templates;
    private final BehaviorEngine engine;
    private final BotCalls botCalls;
    private final PackageImporter packages;
    private final HttpServer http;
    private final ScheduledExecutorService background;
    private final LoginThrottle loginThrottle;
    private final ClusterJobs jobs;
    private final long housekeepingSeconds;
    private final boolean runsWorkers;

    private Host(Config config, Clock clock, boolean runsWorkers) {
        this.config = config;
        this.clock = clock;
        this.runsWorkers = runsWorkers;
        SecretBox secrets = SecretBox.forHost(config); // first: it may refuse the config before anything opens
        this.metrics = new HostMetrics();
        // The outbound client's Jetty part (its threads, the JDK's TLS trust store) starts once the host serves
        // (see start): a tenth of a start's CPU, off the way to the first /health. A send waits for it.
        this.outbound = GuardedHttpClient.create(config, metrics, apiVersion());
        this.db = HostDatabase.open(config);
        FunctionCounter.builder("switchboard.db.statements", db, d -> d.statementsExecuted().getAsLong())
                .description("SQL statements executed (database round trips; a batch counts once)")
                .register(metrics.registry());
        FunctionCounter.builder("switchboard.db.commits", db, d -> d.writesCommitted().getAsLong())
                .description("write transactions committed").register(metrics.registry());
        Migrations.migrate(db, "host", Host.class.getClassLoader());
        outbound.allowlist().attach(db);
        this.json = new HostJson();
        this.audit = new AuditLog(db, json, clock);
        this.tokens = new Tokens(db, clock, config.adminToken());
        this.templates = new TemplateEngine(TemplateLimits.from(config));
        PluginStatusStore status = new PluginStatusStore(db, clock);
        HostServices.Shared[] shared = new HostServices.Shared[1];
        this.plugins = new PluginSystem(db, status, config.pluginsDir(), apiVersion(),
                id -> new HostServices(id, shared[0]));
        this.events = new EventBus(plugins, clock);
        this.engine = new BehaviorEngine(db, json, secrets, templates, plugins, clock,
                config.longValue("engine.action_timeout_ms", 30_000, 0, 600_000),
                java.time.Duration.ofMillis(config.longValue("engine.run_timeout_ms", 30_000, 10, 600_000)));
        engine.subscribe(events);
        int sealed = engine.store().sealPlainSecrets();
        if (sealed > 0) {
            LOG.info("sealed the secret config values of {} bot(s) stored in clear by an older version", sealed);
        }
        this.tickets = new Tickets(db, events, clock);
        tickets.extensions().forEach(plugins::addBuiltin);
        Comments comments = new Comments(db, json, clock);
        TicketActions.all(tickets, comments).forEach(plugins::addBuiltin);
        BotRecords records = new BotRecords(db, tickets, json, clock);
        records.actions().forEach(plugins::addBuiltin);
        records.packageRecordTypes().forEach(plugins::addBuiltin);
        plugins.addBuiltin(db.healthCheck());
        plugins.addBuiltin(new HostPages());
        this.botCalls = new BotCalls(db, json, clock, engine, audit,
                java.time.Duration.ofMillis(config.longValue("scheduler.poll_ms", 1000, 50, 60_000)),
                java.time.Duration.ofSeconds(config.longValue("scheduler.lease_seconds", 900, 5, 86_400)));
        this.packages = new PackageImporter(engine, json, templates, this::publicBaseUrl, audit, records::knows);
        shared[0] = new HostServices.Shared(db, templates, engine.behaviors(), events, outbound, json,
                metrics, clock, config, audit, this::publicBaseUrl, runsWorkers, new HostSecrets(secrets));
        List<ApiRoutes> routes = new ArrayList<>();
        routes.add(new Health(() -> plugins.extensions().healthChecks()));
        routes.add(api -> api.open("/metrics", "Prometheus metrics", ctx -> ctx
                .contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape())));
        routes.add(new PluginRoutes(plugins, audit, engine::usersOfPlugin));
        routes.add(new BehaviorRoutes(engine, audit));
        routes.add(new EditorRoutes(engine, audit, json, clock));
        routes.add(new PackageRoutes(packages, engine, audit, new PackageLibrary(plugins::jars, json)));
        routes.add(new TicketRoutes(tickets, audit));
        routes.add(new CommentRoutes(comments, tickets, engine.store()));
        routes.add(new RecordRoutes(records, audit));
        routes.add(botCalls.routes());
        routes.add(new AuditRoutes(audit));
        routes.add(new AllowlistRoutes(outbound, db, events, audit, clock));
        routes.add(new TokenRoutes(tokens, audit, db));
        routes.add(new RouteCallEvents(events, json, clock));
        AdminSessions sessions = new AdminSessions(db, tokens, clock,
                java.time.Duration.ofMinutes(config.longValue("admin.session_minutes", 720, 5, 10_080)));
        HttpServer.ClientLimits clients = new HttpServer.ClientLimits(
                config.longValue("http.max_body", 8L << 20, 1024, 1L << 30),
                config.longValue("http.body_grace_ms", 10_000, 100, 600_000),
                config.longValue("http.min_body_rate", 8192, 1, 1L << 30),
                config.intValue("http.max_connections_per_address", 256, 0, 1_000_000));
        TrustedProxies proxies = new TrustedProxies(config.string("trusted_proxies").orElse(null));
        this.loginThrottle = new LoginThrottle(LoginThrottle.Settings.from(config), audit, clock);
        routes.add(new AdminPage(sessions, audit, loginThrottle, proxies, this::baseUrl,
                config.baseUrl(config.port()).startsWith("https://")));
        routes.add(new PluginPages(() -> plugins.extensions().adminPages().stream()
                .map(r -> new PluginPages.Source(r.pluginId(), r.extension().folder(), r.extension().pages(),
                        r.extension().editorPanels(), r.extension().loader())).toList()));
        this.jobs = new ClusterJobs(db, clock, List.of(
                audit.retentionJob(config.intValue("audit.retention_days", 365, 0, 36_500)), botCalls.expiryJob()));
        this.housekeepingSeconds = config.longValue("housekeeping_seconds", 60, 1, 86_400);
        this.http = new HttpServer(new HttpServer.Settings(config.bindAddress(), config.port(),
                config.publicPort().orElse(null),
                config.longValue("http.max_api_body", 1 << 20, 1024, 64L << 20),
                config.intValue("http.threads", 64, 8, 1000),
                config.longValue("http.idle_timeout_ms", 30_000, 1000, 600_000),
                proxies, clients, config.pluginAnswerCsp()),
                json, new AdminAuthenticator(tokens, sessions), () -> plugins.extensions().routes(), routes);
        // The host's routes take part in the plugins' clash check: a plugin that would shadow one cannot start.
        plugins.addBuiltin(http.hostRoutes());
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "host-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Builds and starts a host: migrations, plugins, HTTP, and background workers (outbound delivery, retention)
     * unless {@code workers.enabled} is false, as on serve nodes of a cluster that leaves them to worker processes.
     */
    public static Host start(Config config, Clock clock) {
        long t0 = System.nanoTime();
        Host host = new Host(config, clock, config.bool("workers.enabled", true));
        try {
            host.plugins.start();
            host.http.start();
        } catch (RuntimeException e) {
            host.close();
            throw cannotListen(config, e).orElseThrow(() -> e);
        }
        // Off the start's critical path: outbound sends wait for their client, renders for Jinjava, and /metrics has
        // the JVM's meters a moment after /health first answers.
        host.outbound.startInBackground();
        host.templates.prepareInBackground();
        host.background.execute(host::bindJvmMetrics);
        host.background.scheduleWithFixedDelay(host::syncWithDatabase, 1, 1, TimeUnit.SECONDS);
        host.background.scheduleWithFixedDelay(host::flushLoginFailures, 5, 5, TimeUnit.SECONDS);
        host.startHousekeeping();
        LOG.info("Switchboard listening on {}:{} (base URL {}{}), data in {}, plugins from {} — started in {} ms",
                config.bindAddress(), host.port(), host.baseUrl(), host.publicPort()
                        .map(p -> "; public routes on port " + p + ", " + host.publicBaseUrl()).orElse(""),
                config.dataDir(), config.pluginsDir(),
                (System.nanoTime() - t0) / 1_000_000);
        return host;
    }

    /**
     * A busy or forbidden port as one line naming the setting and the ways to change it, instead of the HTTP
     * server's stack trace (a first start next to another server is the usual cause).
     */
    private static Optional<ConfigException> cannotListen(Config config, Throwable failure) {
        java.net.BindException bind = null;
        int port = config.port();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Jetty names the address it failed on ("Failed to bind to /0.0.0.0:8080"): it may be another port.
            java.util.regex.Matcher named = BOUND.matcher(String.valueOf(t.getMessage()));
            if (named.find()) {
                port = Integer.parseInt(named.group(1));
            }
            if (t instanceof java.net.BindException b) {
                bind = b;
            }
        }
        if (bind == null) {
            return Optional.empty();
        }
        boolean main = port == config.port() || config.string("http.public_port").isEmpty();
        String key = main ? "port" : "http.public_port";
        String reason = bind.getMessage() != null && bind.getMessage().contains("in use")
                ? "port " + port + " (" + key + ") is already in use (another Switchboard or another program)"
                : "cannot listen on " + config.bindAddress() + ":" + port + " (" + key + "): " + bind.getMessage();
        return Optional.of(new ConfigException(reason + "; choose another port with " + (main ? "--port N, " : "")
                + Config.envName(key) + "=N or " + key + "=N in the config file"));
    }

    /**
     * Starts a worker process: storage, plugins and their background workers, no HTTP server. Several share one
     * PostgreSQL with the serve nodes; settings changed anywhere reach it within a second.
     */
    public static Host startWorker(Config config, Clock clock) {
        Host host = startWithoutHttp(config, clock, true);
        host.background.execute(host::bindJvmMetrics);
        host.background.scheduleWithFixedDelay(host::syncWithDatabase, 1, 1, TimeUnit.SECONDS);
        host.startHousekeeping();
        LOG.info("Switchboard worker started, data in {}, plugins from {}", config.dataDir(), config.pluginsDir());
        return host;
    }

    /**
     * Starts storage and plugins without the HTTP server, background workers or sync, for command-line work on the
     * data dir (e.g. {@code packages import}); a server running on the same data dir sees the changes within a second.
     */
    public static Host startHeadless(Config config, Clock clock) {
        return startWithoutHttp(config, clock, false);
    }

    private static Host startWithoutHttp(Config config, Clock clock, boolean runsWorkers) {
        Host host = new Host(config, clock, runsWorkers);
        try {
            host.plugins.start();
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
        host.outbound.startInBackground(); // a worker delivers, a headless command may send (http_request)
        return host;
    }

    /** The host's once-per-cluster jobs (audit retention), in processes that run background work. */
    private void startHousekeeping() {
        if (runsWorkers) {
            botCalls.startScheduler();
            background.scheduleWithFixedDelay(jobs::runDue, housekeepingSeconds, housekeepingSeconds,
                    TimeUnit.SECONDS);
        }
    }

    private void bindJvmMetrics() {
        try {
            metrics.bindJvmMetrics();
        } catch (RuntimeException e) {
            LOG.error("could not add the JVM's meters (memory, threads, GC, CPU) to /metrics", e);
        }
    }

    private void flushLoginFailures() {
        try {
            loginThrottle.flushEnded();
        } catch (RuntimeException e) {
            LOG.error("could not write the audit rows of failed sign-ins; those counts are lost", e);
        }
    }

    private void syncWithDatabase() {
        try {
            plugins.syncWithDatabase();
            engine.sync();
            outbound.allowlist().sync();
        } catch (RuntimeException e) {
            LOG.error("could not read shared settings from the database", e);
        }
    }

    /** The plugin-api version this host implements (plugins' Plugin-Requires is checked against it). */
    public static String apiVersion() {
        try (InputStream in = dev.switchboard.api.PluginHost.class.getResourceAsStream("api.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("plugin-api jar has no api.properties", e);
        }
    }

    public int port() {
        return http.port();
    }

    /** Where people reach this host: {@code base_url}, or localhost with the bound port (the configured one headless). */
    public String baseUrl() {
        return config.baseUrl(http.isStarted() ? http.port() : config.port());
    }

    /** Where strangers reach public plugin routes: the public port's URL when there is one. */
    public String publicBaseUrl() {
        if (!http.isStarted()) {
            return config.publicBaseUrl(config.port(), config.publicPort().orElse(null));
        }
        return config.publicBaseUrl(http.port(), http.publicPort().orElse(null));
    }

    /** The public port actually bound, when {@code http.public_port} is set. */
    public Optional<Integer> publicPort() {
        return http.publicPort();
    }

    /** The host's HTTP routes as {@code METHOD /path} (plugins' routes excluded). */
    public List<String> routes() {
        return http.hostRoutes().routes().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    public Config config() {
        return config;
    }

    public HostDatabase database() {
        return db;
    }

    public PluginSystem plugins() {
        return plugins;
    }

    public Tokens tokens() {
        return tokens;
    }

    public EventBus events() {
        return events;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Tickets (records, with their events). */
    public Tickets tickets() {
        return tickets;
    }

    /** The behavior engine (bots, behaviors, runs). */
    public BehaviorEngine engine() {
        return engine;
    }

    /** Cerb package import. */
    public PackageImporter packages() {
        return packages;
    }

    /** The behaviors' templates. */
    public TemplateEngine templates() {
        return templates;
    }

    @Override
    public void close() {
        background.shutdownNow();
        try {
            http.close();
        } catch (RuntimeException e) {
            LOG.warn("stopping HTTP failed", e);
        }
        try {
            loginThrottle.flushAll();
        } catch (RuntimeException e) {
            LOG.error("could not write the audit rows of failed sign-ins at shutdown", e);
        }
        botCalls.close();
        plugins.close();
        engine.close();
        outbound.close();
        metrics.close();
        db.close();
    }
}
