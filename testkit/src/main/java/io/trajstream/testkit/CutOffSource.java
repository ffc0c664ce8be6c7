package io.trajstream.testkit;

import io.trajstream.store.BufferInput;
import io.trajstream.store.ForwardingStoreInput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An upload source that breaks off: the bytes of an array, whose reads fail with an {@link
 * IOException} (as a disk or a network source might) once they reach {@code cutOff}. Lets a test
 * interrupt a store's upload after a known number of parts, deterministically, and then rerun it
 * with the whole source.
 */
public final class CutOffSource extends ForwardingStoreInput {
  private final long cutOff;

  /** The bytes of {@code data}, readable below {@code cutOff} only. */
  public CutOffSource(String location, byte[] data, long cutOff) {
    super(new BufferInput(location, ByteBuffer.wrap(data)));
    this.cutOff = cutOff;
  }

  @Override
  public void readFully(long position, byte[] buf, int off, int len) throws IOException {
    check(position, len);
    super.readFully(position, buf, off, len);
  }

  @Override
  public ByteBuffer read(long position, int length) throws IOException {
    check(position, length);
    return super.read(position, length);
  }

  private void check(long position, long len) throws IOException {
    if (position + len > cutOff) {
      throw new IOException(location() + ": source broke off at byte " + cutOff + " (reading " + len + " bytes at "
          + position + ")");
    }
  }
}
