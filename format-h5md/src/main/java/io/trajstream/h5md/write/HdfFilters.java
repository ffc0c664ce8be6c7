package io.trajstream.h5md.write;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * The filter pipeline of a chunked dataset: optionally shuffle (HDF5 filter 2) then deflate (filter
 * 1, zlib stream, level 1–9), or nothing. Encodes chunks and describes itself as a filter pipeline
 * message.
 */
public record HdfFilters(int deflateLevel, boolean shuffle) {
  /** No filter: chunks are stored as they are. */
  public static final HdfFilters NONE = new HdfFilters(0, false);

  /**
   * @param deflateLevel 0 for no deflate, else 1–9
   * @param shuffle whether bytes are shuffled before deflate
   */
  public HdfFilters {
    if (deflateLevel < 0 || deflateLevel > 9) {
      throw new IllegalArgumentException("gzip level " + deflateLevel + " is not between 1 and 9");
    }
  }

  /** Whether any filter is applied. */
  public boolean any() {
    return deflateLevel > 0 || shuffle;
  }

  /** The pipeline's filters for elements of {@code elementSize} bytes, in the order applied on write. */
  List<Messages.Filter> describe(int elementSize) {
    List<Messages.Filter> f = new ArrayList<>();
    if (shuffle) {
      f.add(new Messages.Filter(2, new int[] {elementSize}));
    }
    if (deflateLevel > 0) {
      f.add(new Messages.Filter(1, new int[] {deflateLevel}));
    }
    return f;
  }

  /** Encodes one chunk of {@code len} bytes; returns the bytes to store. */
  byte[] encode(byte[] chunk, int len, int elementSize) {
    byte[] data = chunk;
    int n = len;
    if (shuffle && elementSize > 1) {
      data = shuffled(chunk, len, elementSize);
    }
    if (deflateLevel == 0) {
      return data == chunk ? java.util.Arrays.copyOf(chunk, len) : data;
    }
    Deflater d = new Deflater(deflateLevel);
    try {
      d.setInput(data, 0, n);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, n / 2));
      byte[] buf = new byte[64 * 1024];
      while (!d.finished()) {
        int k = d.deflate(buf);
        out.write(buf, 0, k);
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  /** HDF5's shuffle: byte 0 of every element, then byte 1 of every element, …; a tail that is no whole element stays. */
  static byte[] shuffled(byte[] in, int len, int size) {
    byte[] out = new byte[len];
    int elements = len / size;
    for (int e = 0; e < elements; e++) {
      int src = e * size;
      for (int b = 0; b < size; b++) {
        out[b * elements + e] = in[src + b];
      }
    }
    System.arraycopy(in, elements * size, out, elements * size, len - elements * size);
    return out;
  }

  /** A short description, e.g. {@code gzip(4)+shuffle} or {@code none}. */
  public String label() {
    if (!any()) {
      return "none";
    }
    String s = deflateLevel > 0 ? "gzip(" + deflateLevel + ")" : "";
    return shuffle ? (s.isEmpty() ? "shuffle" : s + "+shuffle") : s;
  }
}
