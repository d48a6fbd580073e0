package dev.chippy.testsupport;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Bean conditions on the {@link Infrastructure} mode. */
abstract class InfrastructureCondition implements Condition {

    private final Infrastructure mode;

    InfrastructureCondition(Infrastructure mode) {
        this.mode = mode;
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Infrastructure.chosen() == mode;
    }

    static final class Containers extends InfrastructureCondition {
        Containers() {
            super(Infrastructure.CONTAINERS);
        }
    }

    static final class Embedded extends InfrastructureCondition {
        Embedded() {
            super(Infrastructure.EMBEDDED);
        }
    }
}
