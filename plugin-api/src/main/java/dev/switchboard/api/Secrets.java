package dev.switchboard.api;

/**
 * The host's handling of secrets, so that every plugin stores and shows them the way the host does: one policy for
 * which names carry credentials (headers, params, query parameters, config keys), one mask for showing them, and
 * AES-256-GCM sealing with the host's key (kept outside the database) for secrets that must be read back.
 *
 * <pre>{@code
 * Secrets secrets = host().secrets();
 * byte[] stored = secrets.seal(signingSecret);          // into a BLOB column
 * String again = secrets.open(stored);
 * String shown = secrets.isSecretName("X-Api-Key") ? Secrets.MASK : value;
 * String logged = secrets.maskQuery("a=1&token=abc");   // "a=1&token=********"
 * }</pre>
 *
 * @since 1.3.0
 */
public interface Secrets {
    /**
     * What every output shows instead of a secret value.
     *
     * @since 1.3.0
     */
    String MASK = "********";

    /**
     * True when a value under this name must never be shown or logged: a header ({@code Authorization},
     * {@code X-Api-Key}, {@code Stripe-Signature}, {@code Cookie}), a param, a query parameter or a config key
     * ({@code secret}, {@code password}, {@code token}, {@code api_key}, ...). Case, {@code -} and {@code _} do not
     * matter.
     *
     * @since 1.3.0
     */
    boolean isSecretName(String name);

    /**
     * A URL query string ({@code a=1&token=abc}, no {@code ?}) with the value of every parameter whose name
     * {@link #isSecretName names a secret} replaced by {@link #MASK}; other parameters are kept byte for byte. Null
     * stays null.
     *
     * @since 1.3.0
     */
    String maskQuery(String query);

    /**
     * Encrypts text for storage ({@code nonce || ciphertext+tag}); null stays null.
     *
     * @since 1.3.0
     */
    byte[] seal(String plain);

    /**
     * Decrypts what {@link #seal} made; null stays null.
     *
     * @throws IllegalStateException when the bytes were sealed with another key or altered
     * @since 1.3.0
     */
    String open(byte[] sealed);
}
