package dev.sluice.schemas.role;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * The bean or configuration exists only in a process that runs this role ({@link Roles}): e.g.
 * {@code @ConditionalOnRole("gateway")} with {@code sluice.roles=gateway,persistence}. Unset
 * {@code sluice.roles} runs every role.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnRoleCondition.class)
public @interface ConditionalOnRole {
    /** One of {@link Roles#ALL}. */
    String value();
}
