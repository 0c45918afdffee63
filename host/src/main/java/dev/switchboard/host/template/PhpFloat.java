package dev.switchboard.host.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floats as PHP prints them (php_gcvt): {@code json_encode} uses the shortest digits that read back the same
 * (serialize_precision -1) and switches to {@code 1.0e+25} past 17 integer digits; {@code echo} rounds to 14
 * significant digits (precision 14) and writes {@code 1.0E+25} past 14. Both drop a zero fraction: 2.0 → "2".
 */
final class PhpFloat {
    private PhpFloat() {
    }

    /** json_encode's form of a finite double. */
    static String json(double d) {
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        return gcvt(d < 0, shortest(Math.abs(d)), 17, 'e');
    }

    /**
     * The fewest significant digits that read back as the same double (what zend_dtoa mode 0 gives); JDK 17's
     * Double.toString sometimes prints one digit more.
     */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** What PHP's echo prints for a double. */
    static String echo(double d) {
        if (Double.isNaN(d)) {
            return "NAN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "INF" : "-INF";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(Math.abs(d)).round(new MathContext(14, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
        return gcvt(d < 0, rounded, 14, 'E');
    }

    private static String gcvt(boolean negative, BigDecimal value, int precision, char e) {
        String digits = value.unscaledValue().toString();
        int decpt = digits.length() - value.scale();
        StringBuilder out = new StringBuilder(negative ? "-" : "");
        if (decpt < 0 ? decpt < -3 : decpt > precision) {
            int exponent = decpt - 1;
            out.append(digits.charAt(0)).append('.').append(digits.length() == 1 ? "0" : digits.substring(1))
                    .append(e).append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        } else if (decpt <= 0) {
            out.append("0.").append("0".repeat(-decpt)).append(digits);
        } else if (digits.length() <= decpt) {
            out.append(digits).append("0".repeat(decpt - digits.length()));
        } else {
            out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return out.toString();
    }
}
