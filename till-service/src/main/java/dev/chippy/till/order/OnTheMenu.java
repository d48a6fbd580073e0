package dev.chippy.till.order;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.chippy.menu.Menu;

/** The annotated id names an item on the menu. Null is left to {@code @NotBlank}. */
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = OnTheMenu.Validator.class)
public @interface OnTheMenu {

    String message() default "unknown menu item '${validatedValue}'";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OnTheMenu, String> {
        @Override
        public boolean isValid(String id, ConstraintValidatorContext context) {
            return id == null || id.isBlank() || Menu.standard().findItem(id).isPresent();
        }
    }
}
