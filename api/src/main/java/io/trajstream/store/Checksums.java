package io.trajstream.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Checksums of byte buffers in the forms stores report: MD5 in hex, and S3's multipart ETag. */
public final class Checksums {
  private Checksums() {}

  /** The MD5 digest of {@code data}'s remaining bytes (its position is not moved). */
  public static byte[] md5(ByteBuffer data) {
    MessageDigest md = newMd5();
    md.update(data.duplicate());
    return md.digest();
  }

  /** The MD5 of {@code data}'s remaining bytes in lower-case hex. */
  public static String md5Hex(ByteBuffer data) {
    return HexFormat.of().formatHex(md5(data));
  }

  /**
   * The ETag S3 gives an object uploaded in parts of {@code partSize} bytes: the MD5 of the
   * concatenated binary MD5s of the parts, in hex, then {@code -} and the number of parts.
   */
  public static String multipartEtag(ByteBuffer data, long partSize) {
    if (partSize <= 0) {
      throw new IllegalArgumentException("part size must be positive, not " + partSize);
    }
    MessageDigest outer = newMd5();
    long size = data.remaining();
    int parts = 0;
    for (long off = 0; off < size; off += partSize) {
      int from = data.position() + (int) off;
      int len = (int) Math.min(partSize, size - off);
      outer.update(md5(data.duplicate().position(from).limit(from + len)));
      parts++;
    }
    return HexFormat.of().formatHex(outer.digest()) + "-" + parts;
  }

  /** Bytes read at once by the checksums of inputs. */
  private static final int PIECE = 8 << 20;

  /** The MD5 in hex of all of {@code in}'s bytes, read in pieces. */
  public static String md5Hex(StoreInput in) throws java.io.IOException {
    return HexFormat.of().formatHex(md5(in, 0, in.length()));
  }

  private static byte[] md5(StoreInput in, long from, long len) throws java.io.IOException {
    MessageDigest md = newMd5();
    for (long off = 0; off < len; off += PIECE) {
      md.update(in.read(from + off, (int) Math.min(PIECE, len - off)));
    }
    return md.digest();
  }

  /** {@link #multipartEtag(ByteBuffer, long)} of all of {@code in}'s bytes, read part by part. */
  public static String multipartEtag(StoreInput in, long partSize) throws java.io.IOException {
    if (partSize <= 0) {
      throw new IllegalArgumentException("part size must be positive, not " + partSize);
    }
    MessageDigest outer = newMd5();
    long size = in.length();
    int parts = 0;
    for (long off = 0; off < size; off += partSize) {
      outer.update(md5(in, off, Math.min(partSize, size - off)));
      parts++;
    }
    return HexFormat.of().formatHex(outer.digest()) + "-" + parts;
  }

  /** A checksum as stores quote it ({@code "abc"}) without the quotes. */
  public static String unquote(String etag) {
    if (etag == null) {
      return null;
    }
    String e = etag.trim();
    return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no MD5", e);
    }
  }
}
