package com.intelia.expert.db;

/** A count under a key: a response source or a latency bucket. */
public record KeyCount(String key, long count) {
}
