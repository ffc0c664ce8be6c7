package io.trajstream.benchmarks;

/**
 * One cell of a throughput sweep: the chunk-length choice ({@code chunkSpec}, e.g. {@code 10} or
 * {@code auto}, resolved to {@code chunkFrames}), the thread count, and the best of the repeated
 * measurements.
 */
public record SweepPoint(String chunkSpec, int chunkFrames, int threads, ReadMeasurement measurement) {

  public double megabytesPerSecond() {
    return measurement.megabytesPerSecond();
  }
}
