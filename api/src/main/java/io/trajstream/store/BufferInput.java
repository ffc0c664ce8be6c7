package io.trajstream.store;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A {@link StoreInput} over bytes already in memory (a buffer's remaining bytes, not copied): lets
 * code written for inputs, such as {@link Store#writeResumable(String, StoreInput,
 * java.util.function.LongConsumer)}, take a buffer.
 */
public final class BufferInput implements StoreInput {
  private final String location;
  private final ByteBuffer data;

  /** An input of {@code data}'s remaining bytes; {@code location} names them in messages. */
  public BufferInput(String location, ByteBuffer data) {
    this.location = location;
    this.data = data.slice();
  }

  @Override
  public long length() {
    return data.remaining();
  }

  @Override
  public String location() {
    return location;
  }

  private void check(long position, long len) throws EOFException {
    if (position < 0 || len < 0 || position + len > data.remaining()) {
      throw new EOFException(location + ": " + len + " bytes at " + position + " pass the end (" + data.remaining() + " bytes)");
    }
  }

  @Override
  public void readFully(long position, byte[] buf, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, buf.length);
    check(position, len);
    data.get((int) position, buf, off, len);
  }

  /** A view of the bytes, not a copy. */
  @Override
  public ByteBuffer read(long position, int length) throws IOException {
    check(position, length);
    return data.slice((int) position, length);
  }
}
