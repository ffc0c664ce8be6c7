package io.trajstream.h5md.read;

import io.trajstream.h5md.codec.ShuffleFilter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A decoded chunk as handed to a {@link ChunkTask.Sink}: its bytes may still be byte-shuffled so
 * that a sink can un-shuffle straight into its destination ({@link #floatsTo}); {@link #bytes} gives
 * the plain bytes. Valid only during the sink call (it lives in a {@link DecodeContext}'s scratch).
 */
public final class Decoded {
  private final DecodeContext context;
  private byte[] array;
  private int offset;
  private int length;
  private int shuffle;
  private int slot;
  private ByteOrder order;
  private ByteBuffer buffer;

  Decoded(DecodeContext context) {
    this.context = context;
  }

  /** Sets the view: {@code length} bytes at {@code array[offset]}, shuffled with element size {@code shuffle} (0: plain). */
  Decoded set(byte[] array, int offset, int length, int shuffle, int slot, ByteOrder order) {
    this.array = array;
    this.offset = offset;
    this.length = length;
    this.shuffle = shuffle;
    this.slot = slot;
    this.order = order;
    this.buffer = null;
    return this;
  }

  /** Sets the view to plain bytes from a buffer's position to its limit (not copied). */
  Decoded set(ByteBuffer plain, ByteOrder order) {
    set(null, 0, plain.remaining(), 0, -1, order);
    this.buffer = plain;
    return this;
  }

  /** Decoded length in bytes. */
  public int length() {
    return length;
  }

  /** The plain decoded bytes in the dataset's byte order, position 0 (un-shuffled now if need be). */
  public ByteBuffer bytes() {
    if (buffer != null) {
      return buffer.slice().order(order);
    }
    if (shuffle > 1) {
      int other = slot == 0 ? 1 : 0;
      byte[] out = context.scratch(other, length);
      ShuffleFilter.unshuffle(array, offset, length, shuffle, out, 0);
      set(out, 0, length, 0, other, order);
    }
    return ByteBuffer.wrap(array, offset, length).slice().order(order);
  }

  /**
   * Copies {@code count} 4-byte floats starting at element {@code from} of the chunk into {@code
   * out[dst..]}, un-shuffling on the way when the chunk is still shuffled.
   */
  public void floatsTo(int from, int count, float[] out, int dst) {
    if (shuffle == 4) {
      ShuffleFilter.unshuffleFloats(array, offset, length, order == ByteOrder.LITTLE_ENDIAN, from, count, out, dst);
    } else if (shuffle > 1 || buffer != null) {
      bytes().asFloatBuffer().get(from, out, dst, count);
    } else {
      ByteBuffer.wrap(array, offset, length).slice().order(order).asFloatBuffer().get(from, out, dst, count);
    }
  }
}
