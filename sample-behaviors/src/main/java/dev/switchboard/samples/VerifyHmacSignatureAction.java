package dev.switchboard.samples;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.ParamType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.pf4j.Extension;

/**
 * {@code verify_hmac_signature}: checks a provider's HMAC signature over a message (GitHub's
 * {@code X-Hub-Signature-256}, Slack's {@code v0=}, Stripe's {@code v1}, Twilio's base64 SHA-1, Mailgun's token) in
 * constant time, and sets a variable to {@code true} or {@code false}. A behavior then answers 401 on false.
 */
@Extension
public final class VerifyHmacSignatureAction implements Action {
    private static final List<String> ALGORITHMS = List.of("sha256", "sha1", "sha512");

    @Override
    public String id() {
        return "verify_hmac_signature";
    }

    @Override
    public String label() {
        return "Verify an HMAC signature";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(
                ActionParam.template("secret", true, "the shared secret, e.g. {{bot_config.github_secret}}"),
                ActionParam.template("message", true, "the signed text exactly as received, e.g. {{http_body}}"),
                ActionParam.template("signature", true, "the signature received, e.g. {{http_headers['x-hub-signature-256']}}"),
                ActionParam.of("algorithm", ParamType.TEXT, false, "sha256 (default), sha1 or sha512")
                        .withChoices(ALGORITHMS),
                ActionParam.of("encoding", ParamType.TEXT, false, "how the signature is written: hex (default) or base64")
                        .withChoices(List.of("hex", "base64")),
                ActionParam.of("prefix", ParamType.TEXT, false, "text before the signature, e.g. sha256= or v0="),
                ActionParam.of("var", ParamType.TEXT, true, "variable set to true or false, e.g. signature_ok"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String var = Params.text(params, "var").trim();
        if (var.isEmpty()) {
            throw new ActionException("verify_hmac_signature: 'var' is empty");
        }
        String secret = Params.text(params, "secret");
        if (secret.isEmpty()) {
            throw new ActionException("verify_hmac_signature: the secret is empty; configure it before trusting requests");
        }
        String algorithm = Params.text(params, "algorithm").isEmpty() ? "sha256" : Params.text(params, "algorithm");
        byte[] expected = hmac(algorithm, secret, Params.text(params, "message"));
        byte[] given = decode(Params.text(params, "signature").trim(), Params.text(params, "prefix"), Params.text(params, "encoding"));
        boolean ok = given != null && MessageDigest.isEqual(expected, given);
        context.dictionary().put(var, ok);
        context.note("signature " + (ok ? "matches" : "does not match"));
    }

    static byte[] hmac(String algorithm, String secret, String message) {
        String jca = "Hmac" + algorithm.toUpperCase(Locale.ROOT);
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), jca));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new ActionException("verify_hmac_signature: cannot compute " + jca + ": " + e.getMessage());
        }
    }

    /** The signature's bytes, or null when it lacks the prefix or is not valid hex/base64 (a mismatch, not an error). */
    private static byte[] decode(String signature, String prefix, String encoding) {
        if (!signature.startsWith(prefix)) {
            return null;
        }
        String value = signature.substring(prefix.length());
        try {
            return "base64".equals(encoding) ? Base64.getDecoder().decode(value)
                    : HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
