package dev.sluice.schemas.role;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Reads {@code sluice.roles} from the environment (so {@code SLUICE_ROLES} counts too) for {@link ConditionalOnRole}. */
public final class OnRoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        @Nullable
        Map<String, @Nullable Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        if (attributes == null || !(attributes.get("value") instanceof String role)) return false;
        return Roles.runs(context.getEnvironment().getProperty(Roles.PROPERTY), role);
    }
}
