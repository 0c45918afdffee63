package dev.switchboard.host.secrets;

import dev.switchboard.api.Secrets;

/** What plugins get as {@code PluginHost.secrets()}: the {@link Redaction} policy and the host's {@link SecretBox}. */
public record HostSecrets(SecretBox box) implements Secrets {
    @Override
    public boolean isSecretName(String name) {
        return Redaction.isSecretName(name);
    }

    @Override
    public String maskQuery(String query) {
        return Redaction.maskQuery(query);
    }

    @Override
    public byte[] seal(String plain) {
        return box.seal(plain);
    }

    @Override
    public String open(byte[] sealed) {
        return box.open(sealed);
    }
}
