package org.example.xyz;

import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes positions as XYZ (element {@code X}), kept in memory and stored whole on close. */
final class XyzWriter implements TrajectoryWriter {
  private final Store store;
  private final String key;
  private final int atoms;
  private final StringBuilder text = new StringBuilder();
  private int frames;

  XyzWriter(Store store, String key, int atoms) {
    this.store = store;
    this.key = key;
    this.atoms = atoms;
  }

  @Override
  public void append(FrameBlock block) {
    float[] p = block.values(Field.POSITION);
    for (int i = 0; i < block.frameCount(); i++) {
      text.append(atoms).append('\n').append("step=").append(block.step(i)).append(" time=").append(block.time(i)).append('\n');
      for (int a = 0; a < atoms; a++) {
        int o = (i * atoms + a) * 3;
        text.append("X ").append(p[o]).append(' ').append(p[o + 1]).append(' ').append(p[o + 2]).append('\n');
      }
      frames++;
    }
  }

  @Override
  public int framesWritten() {
    return frames;
  }

  @Override
  public void close() throws IOException {
    store.write(key, text.toString().getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public void abort() {
    text.setLength(0);
  }
}
