package io.trajstream.format;

/**
 * A format's claim on a stored object: which format, and the evidence (e.g. "HDF5 signature at
 * 512").
 */
public record Probe(String format, String evidence) {}
