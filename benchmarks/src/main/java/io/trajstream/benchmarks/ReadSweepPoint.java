package io.trajstream.benchmarks;

/**
 * One cell of a read-only sweep: compute threads, I/O threads and part size, with the best of the
 * repeated measurements.
 */
public record ReadSweepPoint(int threads, int ioThreads, PartSize partSize, ReadMeasurement measurement) {

  public double megabytesPerSecond() {
    return measurement.megabytesPerSecond();
  }
}
