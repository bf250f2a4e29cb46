package com.intelia.expert.resources.params;

/** The body of a request that needs one: an empty body is a 422 "request body is required". */
public final class RequestBodies {

    private RequestBodies() {
    }

    public static <T> T required(T body) {
        if (body == null) {
            throw InvalidInputException.field("request body", "is required");
        }
        return body;
    }
}
