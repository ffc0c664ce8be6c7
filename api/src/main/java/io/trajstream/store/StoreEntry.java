package io.trajstream.store;

/** One object found by {@link Store#list(String)}: its key below the store root and its length. */
public record StoreEntry(String key, long length) {}
