package dev.switchboard.host.template;

import com.google.common.collect.SetMultimap;
import com.hubspot.jinjava.interpret.Context;

/**
 * The filters, functions, tests and tags every render sees, built once and shared as the parent of each render's
 * context. Jinjava copies its global context per render (about 50 µs, most of a small render) because a child
 * context reports what it resolved up to its parents; this parent ignores those reports, so it never changes after
 * construction and concurrent renders only read it.
 */
final class LibraryContext extends Context {
    LibraryContext(Context library) {
        super(null, library, null);
        library.getAllFilters().forEach(this::registerFilter);
        library.getAllFunctions().forEach(this::registerFunction);
        library.getAllExpTests().forEach(this::registerExpTest);
        library.getAllTags().forEach(this::registerTag);
    }

    @Override
    public void addResolvedExpression(String expression) {
        // shared by concurrent renders: nothing is recorded here
    }

    @Override
    public void addResolvedValue(String value) {
        // shared by concurrent renders: nothing is recorded here
    }

    @Override
    public void addResolvedFunction(String function) {
        // shared by concurrent renders: nothing is recorded here
    }

    @Override
    public void addResolvedFrom(Context context) {
        // shared by concurrent renders: nothing is recorded here
    }

    @Override
    public void addDependency(String type, String identification) {
        // shared by concurrent renders: nothing is recorded here
    }

    @Override
    public void addDependencies(SetMultimap<String, String> dependencies) {
        // shared by concurrent renders: nothing is recorded here
    }
}
