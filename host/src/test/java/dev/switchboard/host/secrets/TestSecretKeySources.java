package dev.switchboard.host.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.host.config.Config;
import dev.switchboard.host.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the host's secret key comes from: {@code secret_key} or the data dir's {@code secret.key}. An older install's
 * plugin-named setting or key file is refused with the rename that fixes it, instead of a new key that cannot read
 * the secrets already stored; the refusal writes nothing.
 */
class TestSecretKeySources {
    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private static Config config(Path data, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("SWITCHBOARD_DATA_DIR", data.toString());
        return Config.load(all, null, data.resolve("plugins"));
    }

    @Test
    void theConfiguredKeyOrTheDataDirsKeyFileSealsAndOpens() throws IOException {
        Path data = Files.createTempDirectory("switchboard-secrets");
        SecretBox configured = SecretBox.forHost(config(data, Map.of("SWITCHBOARD_SECRET_KEY", KEY)));
        assertThat(configured.open(configured.seal("s3cret"))).isEqualTo("s3cret");
        assertThat(data.resolve("secret.key")).doesNotExist();

        byte[] sealed = SecretBox.forHost(config(data, Map.of())).seal("s3cret");
        assertThat(data.resolve("secret.key")).exists();
        assertThat(SecretBox.forHost(config(data, Map.of())).open(sealed)).isEqualTo("s3cret");
    }

    @Test
    void anOlderInstallsPluginNamedSettingIsRefusedNamingTheRename() throws IOException {
        Path data = Files.createTempDirectory("switchboard-secrets");
        assertThatThrownBy(() -> SecretBox.forHost(config(data, Map.of("SWITCHBOARD_ACME_SECRET_KEY", KEY))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config: acme_secret_key (SWITCHBOARD_ACME_SECRET_KEY) is no longer read: rename it to "
                        + "secret_key (SWITCHBOARD_SECRET_KEY) so stored secrets stay readable");
        assertThat(data.resolve("secret.key")).doesNotExist();
        SecretBox both = SecretBox.forHost(config(data, Map.of("SWITCHBOARD_ACME_SECRET_KEY", "x",
                "SWITCHBOARD_SECRET_KEY", KEY)));
        assertThat(both.open(both.seal("ok"))).isEqualTo("ok");
    }

    @Test
    void anOlderInstallsPluginNamedKeyFileAloneIsRefusedNamingTheRename() throws IOException {
        Path data = Files.createTempDirectory("switchboard-secrets");
        Files.writeString(data.resolve("acme-secret.key"), KEY);
        assertThatThrownBy(() -> SecretBox.forHost(config(data, Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("holds acme-secret.key, an older install's key file, but no secret.key: "
                        + "rename it to secret.key");
        assertThat(data.resolve("secret.key")).doesNotExist();

        Files.move(data.resolve("acme-secret.key"), data.resolve("secret.key"));
        SecretBox renamed = SecretBox.forHost(config(data, Map.of()));
        SecretBox same = SecretBox.forHost(config(data, Map.of("SWITCHBOARD_SECRET_KEY", KEY)));
        assertThat(same.open(renamed.seal("same key"))).isEqualTo("same key");
    }
}
