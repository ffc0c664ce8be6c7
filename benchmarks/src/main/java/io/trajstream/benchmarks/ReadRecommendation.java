package io.trajstream.benchmarks;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The settings to read a trajectory with, from a read-only sweep: among the cells within {@code
 * tolerance} of the best throughput, the one with the fewest compute threads, then the fewest I/O
 * threads, then the fewest requests (cheaper on object stores that bill per request), then the
 * larger part size. When the part size changed no cell's request count, it did not apply to this
 * trajectory (e.g. every chunk is an object of its own) and no {@code --part-size} is recommended.
 */
public record ReadRecommendation(ReadSweepPoint choice, ReadSweepPoint fastest, double tolerance,
    boolean partSizeMatters) {
  /** Default tolerance: within 10 % of the fastest cell counts as just as fast. */
  public static final double DEFAULT_TOLERANCE = 0.10;

  public static ReadRecommendation from(List<ReadSweepPoint> points) {
    return from(points, DEFAULT_TOLERANCE);
  }

  public static ReadRecommendation from(List<ReadSweepPoint> points, double tolerance) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("no measurements to recommend from");
    }
    ReadSweepPoint fastest = points.stream().max(Comparator.comparingDouble(ReadSweepPoint::megabytesPerSecond))
        .orElseThrow();
    double floor = fastest.megabytesPerSecond() * (1 - tolerance);
    ReadSweepPoint choice = points.stream()
        .filter(p -> p.megabytesPerSecond() >= floor)
        .min(Comparator.comparingInt(ReadSweepPoint::threads)
            .thenComparingInt(ReadSweepPoint::ioThreads)
            .thenComparingLong(p -> p.measurement().readRequests())
            .thenComparingLong(p -> p.partSize().requestsOrder()))
        .orElse(fastest);
    return new ReadRecommendation(choice, fastest, tolerance, partSizeMatters(points));
  }

  /** Whether two cells that differ only in part size made different numbers of requests. */
  static boolean partSizeMatters(List<ReadSweepPoint> points) {
    Map<List<Integer>, Long> distinct = points.stream().collect(Collectors.groupingBy(
        p -> List.of(p.threads(), p.ioThreads()),
        Collectors.mapping(p -> p.measurement().readRequests(), Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
    return distinct.values().stream().anyMatch(n -> n > 1);
  }

  /** The flags that select the chosen cell, e.g. {@code --threads 2 --io-threads 4 --part-size 8MB}. */
  public String flags() {
    String part = partSizeMatters ? choice.partSize().flag() : "";
    return String.format(Locale.ROOT, "--threads %d --io-threads %d%s", choice.threads(), choice.ioThreads(),
        part.isEmpty() ? "" : " " + part);
  }

  /** A few lines for people: what to use, how, and why. */
  public String describe(String url) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "recommended: %s (%.1f MB/s, %.0f frames/s)%n",
        flags(), choice.megabytesPerSecond(), choice.measurement().framesPerSecond()));
    s.append("  e.g. trajstream analyze rg ").append(url).append(' ').append(flags());
    if (!partSizeMatters) {
      s.append(String.format(Locale.ROOT, "%n  the part size changed no request here (each read fits in one part, or "
          + "the format fetches whole objects), so none is recommended"));
    }
    if (choice != fastest) {
      s.append(String.format(Locale.ROOT, "%n  the fastest cell (%d threads, %d io threads, part size %s, %.1f MB/s) is "
              + "within %.0f %% of it; fewer threads and fewer requests were preferred",
          fastest.threads(), fastest.ioThreads(), fastest.partSize().label(), fastest.megabytesPerSecond(),
          100 * tolerance));
    }
    return s.toString();
  }
}
