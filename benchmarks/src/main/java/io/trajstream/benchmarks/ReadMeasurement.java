package io.trajstream.benchmarks;

/**
 * One open and full read of a trajectory's positions, with what the store saw. Requests and bytes
 * are counted by the runtime's {@code MeteredStore} below the reader: {@code open*} while opening,
 * {@code read*} during the read.
 *
 * @param neededBytes stored size of the position chunks (what a perfect reader must fetch)
 * @param valueBytes decoded float32 position bytes delivered
 */
public record ReadMeasurement(long openNanos, long openRequests, long openBytes, long readNanos, long readRequests,
    long readBytes, int frames, long valueBytes, long neededBytes, double checksum) {

  /** Decoded position data delivered per second, in MB (10^6 bytes). */
  public double megabytesPerSecond() {
    return valueBytes / 1e6 / seconds();
  }

  public double framesPerSecond() {
    return frames / seconds();
  }

  private double seconds() {
    return Math.max(1, readNanos) / 1e9;
  }

  /** Bytes fetched (open and read) per stored byte needed; 1.0 is perfect. */
  public double byteAmplification() {
    return neededBytes <= 0 ? Double.NaN : (double) (openBytes + readBytes) / neededBytes;
  }
}
