package dev.switchboard.host.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Jinjava is set up once per engine, by the first render or ahead of it on a thread of its own. */
class TestTemplateSetup {
    private static final String TEMPLATE = "{% set n = {'a': value} %}{{ n|json_encode }}";

    @Test
    void aRenderWithoutAnyPreparationSetsTheEngineUpItself() {
        assertThat(new TemplateEngine().render(TEMPLATE, Map.of("value", 1))).isEqualTo("{\"a\":1}");
    }

    @Test
    void rendersWhileTheBackgroundSetUpRunsWaitForItAndAgree() {
        TemplateEngine engine = new TemplateEngine();
        engine.prepareInBackground();
        List<CompletableFuture<String>> renders = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> engine.render(TEMPLATE, Map.of("value", i))))
                .toList();
        for (int i = 0; i < renders.size(); i++) {
            assertThat(renders.get(i).join()).isEqualTo("{\"a\":" + i + "}");
        }
        engine.prepareInBackground(); // again: nothing to do, still renders
        assertThat(engine.render(TEMPLATE, Map.of("value", "x"))).isEqualTo("{\"a\":\"x\"}");
    }
}
