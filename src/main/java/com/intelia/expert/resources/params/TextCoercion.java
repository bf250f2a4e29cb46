package com.intelia.expert.resources.params;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * A number or a boolean where a body expects text is a mistake of the client, not a value: by default Jackson would
 * store {@code "question": 5} as "5". Installed on the API's ObjectMapper after the configuration is read (config.yml
 * keeps YAML's scalars), it makes such a field a 400 naming it, as JsonInputExceptionMapper words it
 * ({@code question must be a string}).
 */
public final class TextCoercion {

    private TextCoercion() {
    }

    /** Refuses integers, decimals and booleans for every String target of {@code json}. */
    public static void refuseScalarsAsText(ObjectMapper json) {
        json.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
}
