package io.trajstream.h5md.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Un-shuffling straight into floats and into an offset array equals un-shuffling bytes and converting. */
class ShuffleFilterTest {
  @Test
  void unshuffleFloatsEqualsBytesThenFloatsInBothByteOrders() {
    Random rnd = new Random(7);
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      float[] values = new float[1001];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) rnd.nextGaussian() * 1e3f;
      }
      ByteBuffer plain = ByteBuffer.allocate(values.length * 4).order(order);
      plain.asFloatBuffer().put(values);
      byte[] shuffled = ShuffleFilter.shuffle(plain.array(), 4);
      // inside a bigger array, a window of the floats, at an offset of the output
      byte[] padded = new byte[shuffled.length + 13];
      System.arraycopy(shuffled, 0, padded, 5, shuffled.length);
      float[] out = new float[values.length + 3];
      ShuffleFilter.unshuffleFloats(padded, 5, shuffled.length, order == ByteOrder.LITTLE_ENDIAN, 17, 900, out, 3);
      float[] want = new float[values.length + 3];
      System.arraycopy(values, 17, want, 3, 900);
      assertArrayEquals(want, out, order.toString());
      // and the byte form with offsets
      byte[] back = new byte[shuffled.length + 2];
      ShuffleFilter.unshuffle(padded, 5, shuffled.length, 4, back, 2);
      byte[] wantBytes = new byte[back.length];
      System.arraycopy(plain.array(), 0, wantBytes, 2, shuffled.length);
      assertArrayEquals(wantBytes, back);
    }
  }

  @Test
  void unshuffleWithTrailingBytesKeepsThemInPlace() {
    byte[] data = new byte[1003];
    new Random(3).nextBytes(data);
    for (int es : new int[] {2, 4, 8}) {
      byte[] out = new byte[data.length];
      ShuffleFilter.unshuffle(ShuffleFilter.shuffle(data, es), 0, data.length, es, out, 0);
      assertArrayEquals(data, out, "element size " + es);
    }
  }
}
