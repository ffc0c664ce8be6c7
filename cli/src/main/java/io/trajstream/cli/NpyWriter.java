package io.trajstream.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes one NumPy {@code .npy} file (format 1.0, C order, little-endian) whose shape is known
 * before the data: the header first, then values streamed as they come. {@link #close()} checks
 * that exactly the announced number of values was written.
 */
final class NpyWriter implements AutoCloseable {
  private final Path file;
  private final OutputStream out;
  private final long expected;
  private final int width;
  private long written;
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

  private NpyWriter(Path file, String descr, long[] shape, int width) throws IOException {
    this.file = file;
    this.width = width;
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    this.expected = n;
    this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
    out.write(header(descr, shape));
  }

  /** A float32 array of {@code shape}. */
  static NpyWriter float32(Path file, long... shape) throws IOException {
    return new NpyWriter(file, "<f4", shape, 4);
  }

  /** An int64 array of {@code shape}. */
  static NpyWriter int64(Path file, long... shape) throws IOException {
    return new NpyWriter(file, "<i8", shape, 8);
  }

  static byte[] header(String descr, long[] shape) {
    StringBuilder s = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': False, 'shape': (");
    for (int i = 0; i < shape.length; i++) {
      s.append(shape[i]).append(shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
    }
    s.append("), }");
    int total = 10 + s.length() + 1;
    int pad = (64 - total % 64) % 64;
    s.append(" ".repeat(pad)).append('\n');
    byte[] dict = s.toString().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer h = ByteBuffer.allocate(10 + dict.length).order(ByteOrder.LITTLE_ENDIAN);
    h.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    h.putShort((short) dict.length).put(dict);
    return h.array();
  }

  void write(float[] values, int from, int count) throws IOException {
    for (int i = from; i < from + count; i++) {
      if (buf.remaining() < width) {
        flushBuffer();
      }
      buf.putFloat(values[i]);
    }
    written += count;
  }

  void write(long[] values) throws IOException {
    for (long v : values) {
      if (buf.remaining() < width) {
        flushBuffer();
      }
      buf.putLong(v);
    }
    written += values.length;
  }

  private void flushBuffer() throws IOException {
    out.write(buf.array(), 0, buf.position());
    buf.clear();
  }

  @Override
  public void close() throws IOException {
    flushBuffer();
    out.close();
    if (written != expected) {
      throw new IOException(file + ": wrote " + written + " values but the header announces " + expected
          + " " + Arrays.toString(new long[] {expected}));
    }
  }
}
