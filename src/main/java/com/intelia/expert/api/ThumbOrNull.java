package com.intelia.expert.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A JSON value that must be the number 1, the number -1 or JSON null (a Java null, the field absent, passes: pair
 * with {@code @NotNull} when the field is required).
 */
@Documented
@Constraint(validatedBy = ThumbOrNull.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ThumbOrNull {

    String message() default "must be 1 (helpful), -1 (not helpful) or null (to take the rating back)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check behind {@link ThumbOrNull}. */
    class Check implements ConstraintValidator<ThumbOrNull, JsonNode> {

        @Override
        public boolean isValid(JsonNode value, ConstraintValidatorContext context) {
            return value == null || value.isNull() || rating(value) != null;
        }

        /** 1 or -1 when the value is that whole number, else null. */
        static Integer rating(JsonNode value) {
            if (value != null && value.isIntegralNumber() && value.canConvertToInt()
                    && (value.intValue() == 1 || value.intValue() == -1)) {
                return value.intValue();
            }
            return null;
        }
    }
}
