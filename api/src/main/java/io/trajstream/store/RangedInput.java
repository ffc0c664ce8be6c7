package io.trajstream.store;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Base of inputs whose every read is one ranged request to a backend (object stores, HTTP): holds
 * the location and the known length, checks each request (buffer bounds, range within the object;
 * {@link java.io.EOFException} past the end), skips empty reads, and leaves only {@link #fetch} —
 * the request itself — to the backend.
 */
public abstract class RangedInput implements StoreInput {
  private final String location;
  private final long length;
  private final Executor executor;

  /** An input of {@code length} bytes at {@code location} whose vectored reads run on {@code executor}. */
  protected RangedInput(String location, long length, Executor executor) {
    this.location = location;
    this.length = length;
    this.executor = executor;
  }

  @Override
  public final long length() {
    return length;
  }

  @Override
  public final String location() {
    return location;
  }

  /** Remote objects: {@link StoreInput#REMOTE_PART_SIZE}, so long reads become parallel ranged requests. */
  @Override
  public int preferredPartSize() {
    return REMOTE_PART_SIZE;
  }

  @Override
  public Executor ioExecutor() {
    return executor;
  }

  @Override
  public final void readFully(long position, byte[] buf, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, buf.length);
    StoreInputs.checkRange(location, length, position, len);
    if (len == 0) {
      return;
    }
    fetch(position, buf, off, len);
  }

  /**
   * Fetches exactly {@code len > 0} bytes at {@code position} (already checked to lie inside the
   * object) into {@code buf} at {@code off}; a response that does not hold exactly those bytes
   * must raise, never be returned as data.
   */
  protected abstract void fetch(long position, byte[] buf, int off, int len) throws IOException;
}
