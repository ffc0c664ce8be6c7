package io.trajstream.store;

/**
 * What a store can do. Contract tests and callers check these flags instead of catching
 * {@link UnsupportedOperationException}.
 *
 * @param listable {@link Store#list(String)} works
 * @param writable {@link Store#write} and {@link Store#delete} work
 * @param atomicWrites a reader never sees a partly written object
 */
public record StoreCapabilities(boolean listable, boolean writable, boolean atomicWrites) {
  /** Listing, writing and atomic overwrite: what every object store gives. */
  public static final StoreCapabilities FULL = new StoreCapabilities(true, true, true);
  /** Ranged reads of known keys only (e.g. plain HTTP). */
  public static final StoreCapabilities READ_ONLY = new StoreCapabilities(false, false, false);
}
