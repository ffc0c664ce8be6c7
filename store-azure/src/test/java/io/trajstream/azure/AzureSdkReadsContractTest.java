package io.trajstream.azure;

import java.util.Map;

/**
 * The full store contract with {@code azure.direct-reads=false}: every read through the Azure SDK,
 * the path a store takes with an Azure AD credential.
 */
class AzureSdkReadsContractTest extends AzureStoreContractTest {
  @Override
  protected Map<String, String> extraOptions() {
    return Map.of(AzureOptions.DIRECT_READS, "false");
  }
}
