package dev.switchboard.host.packages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code requires.cerb_version} is compared as PHP's {@code version_compare} compares (older, same, newer). */
class TestPhpVersion {
    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
        "8.3.10, 8.3.4, 1", "8.3.4, 8.3.10, -1", "8.3.10, 8.3.10, 0", "8.3, 8.3.0, -1", "9.2.0, 9.2, 1",
        "9.0.0, 9.0.0-beta, 1", "9.0.0-beta, 9.0.0-RC1, -1", "9.0.0-rc1, 9.0.0, -1", "9.0.0, 9.0.0-pl1, -1",
        "9.0.0-dev, 9.0.0-alpha, -1", "9.0.0a, 9.0.0-alpha, 0", "9.0.0-foo, 9.0.0-dev, -1", "10.0, 9.99, 1",
        "8.3.10_1, 8.3.10+1, 0"})
    void comparesAsPhpDoes(String a, String b, int expected) {
        assertThat(Integer.signum(PhpVersion.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(PhpVersion.compare(b, a))).isEqualTo(-expected);
    }
}
