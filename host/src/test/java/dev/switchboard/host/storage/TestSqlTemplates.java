package dev.switchboard.host.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Row;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host runs SQL through Jdbi without its default template engine ({@code DefinedAttributeTemplateEngine}, which
 * expands {@code <name>} from {@code define()}): no code here defines attributes, so every statement must come out of
 * Jdbi's engine exactly as written, and text such as {@code <b>} stays text.
 */
class TestSqlTemplates {
    @TempDir
    Path dir;

    @Test
    void everySqlLiteralOfTheSourcesIsLeftAsWrittenByJdbisDefaultEngine() throws IOException {
        Set<String> literals = TestColonSqlParser.sourceLiterals();
        assertThat(literals).hasSizeGreaterThan(100);
        try (Handle handle = Jdbi.create("jdbc:sqlite:" + dir.resolve("t.db")).open()) {
            StatementContext context = handle.createQuery("SELECT 1").getContext();
            DefinedAttributeTemplateEngine jdbis = new DefinedAttributeTemplateEngine();
            List<String> changed = new ArrayList<>();
            for (String sql : literals.stream().filter(TestSqlTemplates::mayBeSql).toList()) {
                String rendered;
                try {
                    rendered = jdbis.render(sql, context);
                } catch (RuntimeException e) {
                    rendered = e.toString();
                }
                if (!sql.equals(rendered)) {
                    changed.add(sql + " -> " + rendered);
                }
            }
            assertThat(changed).as("literals Jdbi's default engine would change").isEmpty();
        }
    }

    /** SQL, or part of a statement built from several literals. */
    private static boolean mayBeSql(String s) {
        return SQL_WORDS.matcher(s).find();
    }

    private static final Pattern SQL_WORDS = Pattern.compile("(?i)\\b(select|insert|update|delete|create|alter|drop|"
            + "pragma|from|where|values|order by|group by|limit|offset|join|returning|on conflict)\\b");

    @Test
    void angleBracketsInAStatementReachTheDatabaseAsText() {
        try (HostDatabase db = HostDatabase.open(dir.resolve("data"), "FULL")) {
            Row row = db.read(sql -> sql.first("SELECT '<b>' AS tag, 1 < 2 AS lt, 2 <> 3 AS ne")).orElseThrow();
            assertThat(row.getString("tag")).isEqualTo("<b>");
            assertThat(row.getLong("lt")).isEqualTo(1L);
            assertThat(row.getLong("ne")).isEqualTo(1L);
        }
    }
}
