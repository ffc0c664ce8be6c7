package io.trajstream.benchmarks;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The chunk length and thread count to use, from a sweep: among the cells within {@code
 * tolerance} of the best throughput, the one with the fewest threads, then the shortest chunks
 * (cheaper random access and less memory per block in flight).
 */
public record Recommendation(SweepPoint choice, SweepPoint fastest, double tolerance) {
  /** Default tolerance: within 10 % of the fastest cell counts as just as fast. */
  public static final double DEFAULT_TOLERANCE = 0.10;

  public static Recommendation from(List<SweepPoint> points) {
    return from(points, DEFAULT_TOLERANCE);
  }

  public static Recommendation from(List<SweepPoint> points, double tolerance) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("no measurements to recommend from");
    }
    SweepPoint fastest = points.stream().max(Comparator.comparingDouble(SweepPoint::megabytesPerSecond)).orElseThrow();
    double floor = fastest.megabytesPerSecond() * (1 - tolerance);
    SweepPoint choice = points.stream()
        .filter(p -> p.megabytesPerSecond() >= floor)
        .min(Comparator.comparingInt(SweepPoint::threads).thenComparingInt(SweepPoint::chunkFrames))
        .orElse(fastest);
    return new Recommendation(choice, fastest, tolerance);
  }

  /** One or two lines for people: what to use and why. */
  public String describe() {
    String s = String.format(Locale.ROOT,
        "recommended: --chunk-frames %d (when converting: trajstream convert … --chunk-frames %d) and --threads %d "
            + "(%.1f MB/s, %.0f frames/s)",
        choice.chunkFrames(), choice.chunkFrames(), choice.threads(), choice.megabytesPerSecond(),
        choice.measurement().framesPerSecond());
    if (choice != fastest) {
      s += String.format(Locale.ROOT, "%nthe fastest cell (%d frames per chunk, %d threads, %.1f MB/s) is within %.0f %%"
              + " of it; fewer threads and shorter chunks were preferred",
          fastest.chunkFrames(), fastest.threads(), fastest.megabytesPerSecond(), 100 * tolerance);
    }
    return s;
  }
}
