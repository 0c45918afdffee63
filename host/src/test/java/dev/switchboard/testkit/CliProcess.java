package dev.switchboard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar switchboard.jar ARGS} as a user runs it: a new JVM with the host's classes (the build's jar comes
 * after the tests), in a folder of the test's choosing, with no {@code SWITCHBOARD_*} variables but those given.
 * What it printed to standard output and standard error is kept apart, as a shell keeps them.
 */
public final class CliProcess {
    private CliProcess() {
    }

    /** What a finished command left: its exit code and its two outputs. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code Main} with {@code args} in {@code folder}; {@code env} adds environment variables. */
    public static Result run(Path folder, Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.switchboard.host.Main"));
        command.addAll(args);
        try {
            Path out = Files.createTempFile("cli-out", ".txt");
            Path err = Files.createTempFile("cli-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(folder.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            pb.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_"));
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("switchboard " + String.join(" ", args) + " did not finish");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code Main} with {@code args} in {@code folder}. */
    public static Result run(Path folder, String... args) {
        return run(folder, Map.of(), List.of(args));
    }
}
