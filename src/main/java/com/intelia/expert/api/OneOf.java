package com.intelia.expert.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;

/** A whole number that must be one of {@link #value()} (null passes: pair with {@code @NotNull} when required). */
@Documented
@Constraint(validatedBy = OneOf.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {

    long[] value();

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check behind {@link OneOf}. */
    class Check implements ConstraintValidator<OneOf, Number> {

        private long[] allowed;

        @Override
        public void initialize(OneOf constraint) {
            allowed = constraint.value();
        }

        @Override
        public boolean isValid(Number value, ConstraintValidatorContext context) {
            return value == null || Arrays.stream(allowed).anyMatch(a -> a == value.longValue()
                    && value.doubleValue() == a);
        }
    }
}
