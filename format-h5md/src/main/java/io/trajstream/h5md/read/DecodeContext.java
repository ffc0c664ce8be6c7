package io.trajstream.h5md.read;

import java.util.zip.Inflater;

/**
 * What one decoding thread reuses from chunk to chunk: an {@link Inflater} and two scratch arrays
 * that filter steps write into alternately, plus the {@link Decoded} view handed to sinks. Used by
 * one thread at a time; {@link DecodeWorkers} lends them out.
 */
public final class DecodeContext implements AutoCloseable {
  final Inflater inflater = new Inflater();
  private final byte[][] scratch = {new byte[0], new byte[0]};
  final Decoded decoded = new Decoded(this);

  /** Scratch array {@code slot} (0 or 1) with at least {@code min} bytes; its contents are not kept on growth. */
  byte[] scratch(int slot, int min) {
    if (scratch[slot].length < min) {
      scratch[slot] = new byte[min];
    }
    return scratch[slot];
  }

  /** Scratch array {@code slot} grown to {@code min} bytes, keeping nothing; for inflate's growth. */
  byte[] grow(int slot, int min) {
    scratch[slot] = new byte[min];
    return scratch[slot];
  }

  /** Bytes held in scratch arrays. */
  long retainedBytes() {
    return (long) scratch[0].length + scratch[1].length;
  }

  @Override
  public void close() {
    inflater.end();
  }
}
