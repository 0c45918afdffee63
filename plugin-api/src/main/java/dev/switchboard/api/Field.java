package dev.switchboard.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How {@link HttpRequest#bodyAs(Class, long)} checks one component of a request record. Without it a component is
 * required (absent or {@code null} is a 422 naming it) and any value of its type is accepted. Checks that need more
 * than bounds go in the record's compact constructor: an {@link HttpStatusException} thrown there is answered as is,
 * an {@link IllegalArgumentException} becomes a 422 with its message.
 *
 * <pre>{@code
 * public record RotateInput(@Field(required = false, min = 0, max = 604_800) Long graceSeconds) { }
 * public record NoteInput(@Field(maxLength = 200) String title, @Field(required = false) List<String> tags) { }
 * }</pre>
 *
 * @since 1.4.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface Field {
    /**
     * Whether the field must be present and not null (primitive components always must).
     *
     * @since 1.4.0
     */
    boolean required() default true;

    /**
     * The smallest accepted number (for numeric components).
     *
     * @since 1.4.0
     */
    long min() default Long.MIN_VALUE;

    /**
     * The largest accepted number (for numeric components).
     *
     * @since 1.4.0
     */
    long max() default Long.MAX_VALUE;

    /**
     * The most characters a text component may have; -1 for no limit.
     *
     * @since 1.4.0
     */
    int maxLength() default -1;
}
