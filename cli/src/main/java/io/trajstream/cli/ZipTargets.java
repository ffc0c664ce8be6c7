package io.trajstream.cli;

import io.trajstream.runtime.StoreUrl;
import io.trajstream.runtime.TrajStream;
import io.trajstream.runtime.zip.ZipUrls;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import java.io.IOException;

/** Checks for commands that write a single-file trajectory ({@code zip:URL}, {@code *.zarrmd.zip}). */
final class ZipTargets {
  private ZipTargets() {}

  /**
   * Fails when {@code dst} is an archive that already exists (unless {@code overwrite}); returns
   * whether {@code dst} names an archive at all, so that callers skip their directory checks.
   */
  static boolean refuseExisting(TrajStream ts, String dst, StoreConfig config, boolean overwrite, boolean append)
      throws IOException {
    if (!ZipUrls.isZip(dst)) {
      return false;
    }
    if (append) {
      throw new IllegalArgumentException(dst + ": cannot append to a zip archive; convert to a .zarrmd directory instead");
    }
    if (overwrite) {
      return true;
    }
    StoreUrl u = StoreUrl.parse(ZipUrls.archive(dst));
    try (Store store = ts.openStore(u, config)) {
      if (store.exists(u.key())) {
        throw new IllegalArgumentException(dst + " already exists; give --overwrite to replace it");
      }
    }
    return true;
  }
}
