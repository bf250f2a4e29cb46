package com.intelia.expert.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
import io.dropwizard.configuration.YamlConfigurationFactory;
import jakarta.validation.Validator;

import java.io.IOException;

/**
 * Dropwizard's configuration factory with two changes. A number with a fraction is refused where a whole number is
 * expected (Jackson would cut WARM_UP_ROUNDS=1.5 to 1). And an error about a place of config.yml that an environment
 * variable sets names the variable ({@link ConfigurationVariables}): the operator sets variables, not the file.
 * The errors are then thrown as a {@link VariableConfigurationException}.
 */
public class ExpertConfigurationFactoryFactory<T> extends DefaultConfigurationFactoryFactory<T> {

    private final ConfigurationSourceProvider files;

    /** files: config.yml as written, before its variables are substituted. */
    public ExpertConfigurationFactoryFactory(ConfigurationSourceProvider files) {
        this.files = files;
    }

    @Override
    public ConfigurationFactory<T> create(Class<T> klass, Validator validator, ObjectMapper objectMapper,
                                          String propertyPrefix) {
        return new YamlConfigurationFactory<>(klass, validator, configureObjectMapper(objectMapper.copy()),
                propertyPrefix) {
            @Override
            public T build(ConfigurationSourceProvider provider, String path)
                    throws IOException, ConfigurationException {
                try {
                    return super.build(provider, path);
                } catch (ConfigurationException e) {
                    ConfigurationVariables.Named named = ConfigurationVariables.of(files, path).name(e.getErrors());
                    throw new VariableConfigurationException(path, named.errors(),
                            named.namesVariables() || e instanceof ConfigurationValidationException, e);
                }
            }
        };
    }

    @Override
    protected ObjectMapper configureObjectMapper(ObjectMapper objectMapper) {
        return super.configureObjectMapper(objectMapper).disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /**
     * Dropwizard's configuration errors, the variables named; {@link #aboutVariables}: the remedy is to set or
     * correct variables (a value refused, or one named), not to edit the file.
     */
    public static final class VariableConfigurationException extends ConfigurationException {

        private final boolean aboutVariables;

        VariableConfigurationException(String path, java.util.Collection<String> errors, boolean aboutVariables,
                                       ConfigurationException cause) {
            super(path, errors, cause);
            this.aboutVariables = aboutVariables;
        }

        public boolean aboutVariables() {
            return aboutVariables;
        }
    }
}
