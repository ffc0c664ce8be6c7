package io.trajstream.store;

/**
 * What {@link Store#writeResumable} did: how many bytes and parts it sent and how many it found
 * already in place (same size and checksum) and skipped.
 *
 * @param bytes the object's size
 * @param bytesSkipped bytes not sent because they were already stored
 * @param parts the parts the object was written in (1 for a single request)
 * @param partsSkipped parts not sent because they were already stored
 */
public record WriteOutcome(long bytes, long bytesSkipped, int parts, int partsSkipped) {
  /** The whole object was already there. */
  public static WriteOutcome skipped(long bytes) {
    return new WriteOutcome(bytes, bytes, 1, 1);
  }

  /** The whole object was written in one piece. */
  public static WriteOutcome written(long bytes) {
    return new WriteOutcome(bytes, 0, 1, 0);
  }

  /** Whether nothing had to be sent. */
  public boolean wasSkipped() {
    return bytesSkipped == bytes && partsSkipped == parts;
  }
}
