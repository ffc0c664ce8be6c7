package org.example.xyz;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an XYZ object: one pass at open finds where each frame's atom lines start; {@link #read}
 * parses only the frames asked for. Immutable after open, so reads from many threads are safe.
 */
final class XyzReader implements TrajectoryReader {
  private final String location;
  private final String text;
  private final int[] frameStart;
  private final TrajectoryInfo info;

  private XyzReader(String location, String text, int[] frameStart, TrajectoryInfo info) {
    this.location = location;
    this.text = text;
    this.frameStart = frameStart;
    this.info = info;
  }

  static XyzReader open(Store store, String key) throws IOException {
    String location = store.location(key);
    String text = new String(store.readAll(key), StandardCharsets.US_ASCII);
    List<Integer> starts = new ArrayList<>();
    List<Long> steps = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    int atoms = -1;
    int pos = 0;
    while (pos < text.length() && !text.substring(pos).isBlank()) {
      int frame = starts.size();
      String countLine = line(text, pos);
      int n;
      try {
        n = Integer.parseInt(countLine.strip());
      } catch (NumberFormatException e) {
        throw new FormatException(location, "frame " + frame, "first line is not an atom count: '" + countLine + "'");
      }
      if (atoms >= 0 && n != atoms) {
        throw new FormatException(location, "frame " + frame, "has " + n + " atoms, frame 0 has " + atoms);
      }
      atoms = n;
      pos = next(text, pos, location, frame);
      String comment = line(text, pos);
      steps.add(frame + 0L);
      times.add((double) frame);
      for (String token : comment.strip().split("\\s+")) {
        if (token.startsWith("step=")) {
          steps.set(frame, Long.parseLong(token.substring(5)));
        } else if (token.startsWith("time=")) {
          times.set(frame, Double.parseDouble(token.substring(5)));
        }
      }
      pos = next(text, pos, location, frame);
      starts.add(pos);
      for (int a = 0; a < n; a++) {
        pos = next(text, pos, location, frame);
      }
    }
    if (starts.isEmpty()) {
      throw new FormatException(location, null, "no frames");
    }
    TrajectoryInfo info = TrajectoryInfo.builder("xyz", atoms, steps.stream().mapToLong(Long::longValue).toArray())
        .location(location)
        .times(times.stream().mapToDouble(Double::doubleValue).toArray())
        .timeUnit("ps")
        .field(Field.POSITION, "Angstrom")
        .build();
    return new XyzReader(location, text, starts.stream().mapToInt(Integer::intValue).toArray(), info);
  }

  private static String line(String text, int pos) {
    int nl = text.indexOf('\n', pos);
    return text.substring(pos, nl < 0 ? text.length() : nl);
  }

  /** The start of the line after the one at {@code pos}; a missing line is an error naming the frame. */
  private static int next(String text, int pos, String location, int frame) throws FormatException {
    int nl = text.indexOf('\n', pos);
    if (nl < 0) {
      throw new FormatException(location, "frame " + frame, "ends before its last atom line");
    }
    return nl + 1;
  }

  @Override
  public TrajectoryInfo info() {
    return info;
  }

  @Override
  public FrameBlock read(FrameRange frames, AtomSelection atoms, Set<Field> fields) throws IOException {
    frames.checkWithin(info.frames());
    int n = info.atoms();
    int[] wanted = atoms.resolve(n);
    FrameBlock.Builder b = FrameBlock.builder(frames.toArray(), wanted);
    float[] all = new float[3 * n];
    for (int i = 0; i < frames.size(); i++) {
      int frame = frames.frame(i);
      b.step(i, info.step(frame)).time(i, info.time(frame));
      if (!fields.contains(Field.POSITION)) {
        continue;
      }
      int pos = frameStart[frame];
      for (int a = 0; a < n; a++) {
        String[] cols = line(text, pos).strip().split("\\s+");
        if (cols.length < 4) {
          throw new FormatException(location, "frame " + frame + ", atom " + a, "expected 'element x y z'");
        }
        for (int d = 0; d < 3; d++) {
          all[3 * a + d] = Float.parseFloat(cols[1 + d]);
        }
        pos = text.indexOf('\n', pos) + 1;
      }
      float[] out = b.array(Field.POSITION);
      for (int k = 0; k < wanted.length; k++) {
        System.arraycopy(all, 3 * wanted[k], out, (i * wanted.length + k) * 3, 3);
      }
      b.markPresent(Field.POSITION, i);
    }
    for (Field f : fields) {
      if (f != Field.POSITION) {
        b.declare(f); // asked for but not in XYZ: absent in every frame
      }
    }
    return b.build();
  }

  @Override
  public void close() {}
}
