package dev.switchboard.bench;

import dev.switchboard.host.template.TemplateEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/**
 * CPU time (not wall time) per render of the seed bot's body on one thread, for a machine shared with other work,
 * where JMH's wall-clock times swing with the load: {@code java -cp bench/jmh/target/benchmarks.jar
 * dev.switchboard.bench.TemplateCpuPerRender [renders per round]}. Warms up one round, then prints five.
 */
public final class TemplateCpuPerRender {
    private TemplateCpuPerRender() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        TemplateEngine templates = new TemplateEngine();
        Map<String, Object> dictionary = TemplateRenderBenchmark.seedDictionary();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int chars = 0;
        for (int round = -1; round < 5; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                chars += templates.render(TemplateRenderBenchmark.SEED_BODY, dictionary).length();
            }
            long cpu = threads.getCurrentThreadCpuTime() - start;
            if (round >= 0) {
                System.out.printf("round %d: %.1f us CPU per render%n", round, cpu / 1e3 / n);
            }
        }
        System.out.println("(" + chars + " characters rendered)");
    }
}
