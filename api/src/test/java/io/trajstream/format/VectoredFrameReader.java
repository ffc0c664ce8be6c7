package io.trajstream.format;

import io.trajstream.store.ByteRange;
import io.trajstream.store.StoreInput;
import io.trajstream.store.VectoredReadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A reader of a tiny flat layout, as the real formats read: every frame of one atom is 3 floats at
 * {@code 12 * frame}, fetched with one vectored read per call (one range per frame, never merged,
 * so a call queues as many requests as it reads frames) and waited for with {@link
 * StoreInput.StoreInputs#join}.
 */
class VectoredFrameReader implements TrajectoryReader {
  private final StoreInput input;

  VectoredFrameReader(StoreInput input) {
    this.input = input;
  }

  /** The bytes of {@code frames} frames whose x, y, z are frame, frame + 0.25, frame + 0.5. */
  static byte[] layout(int frames) {
    ByteBuffer b = ByteBuffer.allocate(frames * 12).order(ByteOrder.LITTLE_ENDIAN);
    for (int f = 0; f < frames; f++) {
      b.putFloat(f).putFloat(f + 0.25f).putFloat(f + 0.5f);
    }
    return b.array();
  }

  @Override
  public TrajectoryInfo info() {
    throw new UnsupportedOperationException("only read() is exercised");
  }

  @Override
  public FrameBlock read(FrameRange frames, AtomSelection atoms, Set<Field> fields) throws IOException {
    int[] fs = frames.toArray();
    List<ByteRange> ranges = new ArrayList<>();
    for (int f : fs) {
      ranges.add(new ByteRange(12L * f, 12));
    }
    List<ByteBuffer> got = StoreInput.StoreInputs.join(input.readVectored(ranges, VectoredReadOptions.NO_MERGE));
    FrameBlock.Builder b = FrameBlock.builder(fs, new int[] {0});
    for (int i = 0; i < fs.length; i++) {
      ByteBuffer one = got.get(i).order(ByteOrder.LITTLE_ENDIAN);
      b.step(i, fs[i]).time(i, fs[i]).set(Field.POSITION, i,
          new float[] {one.getFloat(0), one.getFloat(4), one.getFloat(8)}, 0);
    }
    return b.build();
  }

  @Override
  public void close() {}
}
