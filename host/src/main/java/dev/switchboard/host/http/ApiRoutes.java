package dev.switchboard.host.http;

/** A host feature's admin routes (tickets, tokens, plugins …), registered once at start. */
@FunctionalInterface
public interface ApiRoutes {
    void register(Api api);
}
