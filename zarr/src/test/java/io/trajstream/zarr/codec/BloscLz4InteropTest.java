package io.trajstream.zarr.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.scalableminds.bloscjava.Blosc;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java Blosc 1 LZ4 container against c-blosc: frames written here decode in numcodecs and in
 * the bundled native c-blosc to the same bytes, frames numcodecs writes decode here, and the
 * container layout (header, block size, split streams, block table) equals numcodecs' own.
 */
class BloscLz4InteropTest {
  /** One case: element size, uncompressed bytes, clevel, shuffle, forced block size, data kind. */
  record Case(String name, int typesize, int nbytes, int clevel, int shuffle, int blocksize, String kind) {}

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    int[][] shapes = {{4, 0}, {4, 100}, {4, 1000}, {4, 40_000}, {4, 1_234_567}, {4, 12_000_000}, {8, 700_000},
        {2, 300_001}, {1, 200_000}, {3, 99_999}, {16, 500_000}, {32, 400_000}};
    for (int[] s : shapes) {
      for (String kind : new String[] {"md", "random", "zeros"}) {
        if (s[1] > 2_000_000 && !kind.equals("md")) {
          continue;
        }
        for (int shuffle : new int[] {1, 0}) {
          out.add(new Case("t" + s[0] + "_n" + s[1] + "_" + kind + "_s" + shuffle, s[0], s[1], 5, shuffle, 0, kind));
        }
      }
    }
    for (int clevel : new int[] {0, 1, 3, 9}) {
      out.add(new Case("clevel" + clevel, 4, 600_000, clevel, 1, 0, "md"));
    }
    out.add(new Case("forced_blocksize", 4, 600_000, 5, 1, 40_000, "md"));
    return out;
  }

  /** Positions-like float32 data (smooth, so it compresses like a trajectory), noise, or zeros. */
  static byte[] data(Case c, long seed) {
    byte[] b = new byte[c.nbytes()];
    Random r = new Random(seed);
    switch (c.kind()) {
      case "random" -> r.nextBytes(b);
      case "zeros" -> { }
      default -> {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        float x = 0;
        while (bb.remaining() >= 4) {
          x += (float) r.nextGaussian() * 0.1f;
          bb.putFloat(Math.round(x * 1000) / 1000f);
        }
        while (bb.hasRemaining()) {
          bb.put((byte) r.nextInt());
        }
      }
    }
    return b;
  }

  @Test
  void framesWrittenHereDecodeNativelyAndNativeFramesDecodeHere() throws IOException {
    for (Case c : cases()) {
      byte[] raw = data(c, c.name().hashCode());
      byte[] ours = BloscLz4.compress(raw, c.typesize(), c.clevel(), c.shuffle() == 1, c.blocksize());
      assertTrue(BloscLz4.canDecode(ours), c.name());
      assertArrayEquals(raw, Blosc.decompress(ours, 1), c.name() + ": native c-blosc decodes ours");
      byte[] back = new byte[raw.length];
      assertEquals(raw.length, BloscLz4.decompress(ours, back, 0), c.name());
      assertArrayEquals(raw, back, c.name() + ": round trip");
      if (raw.length > 0) {
        byte[] nat = Blosc.compress(raw, c.typesize(), Blosc.Compressor.LZ4, c.clevel(), Blosc.Shuffle.fromInt(c.shuffle()),
            c.blocksize(), 1);
        byte[] fromNative = new byte[raw.length];
        BloscLz4.decompress(nat, fromNative, 0);
        assertArrayEquals(raw, fromNative, c.name() + ": ours decodes native c-blosc");
        // Blocking as c-blosc's; flags are compared with numcodecs below (the bundled native library
        // stores incompressible data without the memcpy flag, numcodecs' c-blosc and this class with it).
        for (int i = 3; i < 12; i++) {
          assertEquals(nat[i], ours[i], c.name() + ": header byte " + i + " (typesize, nbytes, blocksize)");
        }
      }
    }
  }

  /** Same header fields (all but cbytes) and, unless memcpy'ed, the same number of blocks. */
  static void assertSameLayout(String name, byte[] expected, byte[] actual) {
    for (int i = 0; i < 12; i++) {
      assertEquals(expected[i], actual[i], name + ": header byte " + i + " (version, flags, typesize, nbytes, blocksize)");
    }
  }

  @Test
  void corruptFramesAreErrorsNotCrashes() throws IOException {
    byte[] raw = data(new Case("c", 4, 300_000, 5, 1, 0, "zeros"), 3);
    byte[] frame = BloscLz4.compress(raw, 4, 5, true, 0);
    byte[] out = new byte[raw.length];
    byte[] truncated = java.util.Arrays.copyOf(frame, frame.length / 2);
    assertThrows(IOException.class, () -> BloscLz4.decompress(truncated, out, 0));
    byte[] badStart = frame.clone();
    ByteBuffer.wrap(badStart).order(ByteOrder.LITTLE_ENDIAN).putInt(16, frame.length + 10);
    assertThrows(IOException.class, () -> BloscLz4.decompress(badStart, out, 0));
    byte[] garbled = frame.clone();
    for (int i = 40; i < 200; i++) {
      garbled[i] = (byte) (i * 31);
    }
    assertThrows(IOException.class, () -> BloscLz4.decompress(garbled, out, 0));
  }

  @Test
  void numcodecsDecodesOursAndWritesFramesWeDecode(@TempDir Path dir) throws IOException {
    TestEnvironment.requirePython("numcodecs", "numpy");
    StringBuilder list = new StringBuilder();
    for (Case c : cases()) {
      byte[] raw = data(c, c.name().hashCode());
      Files.write(dir.resolve(c.name() + ".raw"), raw);
      Files.write(dir.resolve(c.name() + ".java.blosc"), BloscLz4.compress(raw, c.typesize(), c.clevel(), c.shuffle() == 1, c.blocksize()));
      list.append(c.name()).append(' ').append(c.typesize()).append(' ').append(c.clevel()).append(' ')
          .append(c.shuffle()).append(' ').append(c.blocksize()).append('\n');
    }
    Files.writeString(dir.resolve("cases.txt"), list);
    String script = String.join("\n",
        "import sys, os, numpy, numcodecs",
        "from numcodecs import blosc",
        "d = sys.argv[1]",
        "n = 0",
        "for line in open(os.path.join(d, 'cases.txt')):",
        "    name, ts, cl, sh, bs = line.split()",
        "    raw = open(os.path.join(d, name + '.raw'), 'rb').read()",
        "    ours = open(os.path.join(d, name + '.java.blosc'), 'rb').read()",
        "    if raw:",
        "        back = bytes(blosc.decompress(ours))",
        "        assert back == raw, name + ': numcodecs decodes ours'",
        "        arr = numpy.frombuffer(raw, dtype='u1')",
        "        if int(ts) > 1 and len(raw) % int(ts) == 0:",
        "            arr = arr.view('V' + ts)",
        "        theirs = numcodecs.Blosc(cname='lz4', clevel=int(cl), shuffle=int(sh), blocksize=int(bs)).encode(arr)",
        "        open(os.path.join(d, name + '.py.blosc'), 'wb').write(bytes(theirs))",
        "    n += 1",
        "print('ok', n)");
    String result = TestEnvironment.python(script, dir.toString());
    assertTrue(result.startsWith("ok"), result);
    for (Case c : cases()) {
      Path theirs = dir.resolve(c.name() + ".py.blosc");
      if (c.nbytes() == 0) {
        continue;
      }
      byte[] frame = Files.readAllBytes(theirs);
      byte[] raw = Files.readAllBytes(dir.resolve(c.name() + ".raw"));
      assertTrue(BloscLz4.canDecode(frame), c.name());
      byte[] out = new byte[BloscLz4.nbytes(frame)];
      BloscLz4.decompress(frame, out, 0);
      assertArrayEquals(raw, out, c.name() + ": numcodecs' frame decodes here");
      if (frame[3] == (byte) c.typesize()) {
        assertSameLayout(c.name(), frame, BloscLz4.compress(raw, c.typesize(), c.clevel(), c.shuffle() == 1, c.blocksize()));
      }
    }
  }
}
