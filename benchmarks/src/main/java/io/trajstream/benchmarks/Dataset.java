package io.trajstream.benchmarks;

/**
 * A written benchmark trajectory: its spec, its key in the store, and the stored (compressed) size
 * of its position chunks, i.e. the bytes a perfect reader of all positions has to fetch.
 */
public record Dataset(DatasetSpec spec, String key, long neededBytes) {}
