package com.intelia.expert.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Class-level constraint that turns {@link ConfigurationProblems} into one validation message, so that
 * both start-up and the {@code check} command refuse an environment that is not ready.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ReadyForEnvironment.Validator.class)
public @interface ReadyForEnvironment {

    String message() default "the environment is not ready";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ReadyForEnvironment, ExpertConfiguration> {
        @Override
        public boolean isValid(ExpertConfiguration config, ConstraintValidatorContext context) {
            return ConfigurationProblems.message(config).map(message -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(escapeTemplate(message)).addConstraintViolation();
                return false;
            }).orElse(true);
        }

        /** Bean Validation treats braces, dollar signs and backslashes in a template as expressions. */
        private static String escapeTemplate(String message) {
            return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
