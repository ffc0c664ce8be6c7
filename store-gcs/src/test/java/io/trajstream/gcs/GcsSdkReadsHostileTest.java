package io.trajstream.gcs;

/** The hostile-server matrix with every request through google-cloud-storage ({@code gcs.direct-reads=false}). */
class GcsSdkReadsHostileTest extends GcsHostileTest {
  @Override
  protected boolean directReads() {
    return false;
  }
}
