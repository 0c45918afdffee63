package dev.switchboard.host.secrets;

import dev.switchboard.host.config.Config;
import dev.switchboard.host.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts secrets that must be read back (subscription signing secrets and credentials, bots' secret config) with
 * AES-256-GCM, key outside the database (SECURITY.md 20): {@code secret_key} (base64 of 32 bytes) when configured,
 * otherwise the key file {@code secret.key} in the data directory, created owner-only on first use. Ciphertext is
 * {@code nonce(12) || ciphertext+tag}. The one implementation: plugins reach it through {@link HostSecrets}
 * ({@code PluginHost.secrets()}), together with the {@link Redaction} policy.
 *
 * <p>Older installs named the key after the plugin that kept it ({@code <plugin>.secret_key},
 * {@code <plugin>-secret.key}). Those names are no longer read, and so that no stored secret silently becomes
 * unreadable, the host refuses to start while one is set or such a file is the only key file, naming the rename that
 * fixes it (CHANGELOG).
 */
public final class SecretBox {
    private static final Logger LOG = LoggerFactory.getLogger(SecretBox.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A setting older installs kept the key in: {@code <plugin>.secret_key}. */
    private static final Pattern OLD_KEY_SETTING = Pattern.compile(".+[._]secret_key");

    private final SecretKeySpec key;

    SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the secret key must be 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * The box for this host: the configured key, or the data directory's key file.
     *
     * @throws ConfigException when the configured key is not base64 of 32 bytes, or an older install's key setting
     *                         or file is there instead (see the class comment)
     */
    public static SecretBox forHost(Config config) {
        if (config.string("secret_key").isEmpty()) {
            for (String key : config.keys()) {
                if (OLD_KEY_SETTING.matcher(key).matches()) {
                    throw new ConfigException("config: " + key + " (" + Config.envName(key) + ") is no longer read: "
                            + "rename it to secret_key (" + Config.envName("secret_key") + ") so stored secrets stay "
                            + "readable");
                }
            }
        }
        return config.string("secret_key")
                .map(b64 -> configured("secret_key", b64))
                .orElseGet(() -> {
                    if (config.string("db.url").isPresent()) {
                        LOG.warn("secret_key is not set: stored secrets are sealed with this node's data-dir key "
                                + "file, which other nodes sharing the database cannot read; give every node the "
                                + "same secret_key");
                    }
                    return new SecretBox(keyFile(config.dataDir()));
                });
    }

    private static SecretBox configured(String name, String b64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(b64.trim());
        } catch (IllegalArgumentException e) {
            throw Config.invalid(name, "(hidden)", "is not base64");
        }
        if (key.length != 32) {
            throw Config.invalid(name, "(hidden)", "must be base64 of 32 bytes, not " + key.length);
        }
        return new SecretBox(key);
    }

    /** The key file {@code secret.key}; an older install's {@code <plugin>-secret.key} in its place is refused. */
    private static synchronized byte[] keyFile(Path dataDir) {
        Path file = dataDir.resolve("secret.key");
        if (!Files.exists(file)) {
            try (Stream<Path> files = Files.isDirectory(dataDir) ? Files.list(dataDir) : Stream.empty()) {
                Optional<Path> old = files.filter(f -> f.getFileName().toString().endsWith("-secret.key")).findFirst();
                if (old.isPresent()) {
                    throw new ConfigException("the data dir " + dataDir + " holds " + old.get().getFileName()
                            + ", an older install's key file, but no secret.key: rename it to secret.key (or set "
                            + "secret_key to its content) so stored secrets stay readable");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dataDir, e);
            }
        }
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            }
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            Files.createDirectories(dataDir);
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the data directory's own permissions apply
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** Encrypts text; null stays null. */
    public byte[] seal(String plain) {
        if (plain == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts what {@link #seal} made; null stays null. @throws IllegalStateException with a wrong key */
    public String open(byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a stored secret: is secret_key (or the data dir's key "
                    + "file) the key it was written with?", e);
        }
    }
}
