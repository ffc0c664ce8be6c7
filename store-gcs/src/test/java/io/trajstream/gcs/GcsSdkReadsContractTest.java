package io.trajstream.gcs;

import java.util.Map;

/** The store contract with every request through google-cloud-storage ({@code gcs.direct-reads=false}). */
class GcsSdkReadsContractTest extends GcsStoreContractTest {
  @Override
  protected Map<String, String> extraOptions() {
    return Map.of(GcsOptions.DIRECT_READS, "false");
  }
}
