package io.trajstream.cli;

import io.trajstream.runtime.StoreUrl;
import io.trajstream.store.PrefixedStore;
import io.trajstream.store.Store;
import io.trajstream.zarr.ZarrHierarchy;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trajstream consolidate URL.zarrmd}: rewrites the consolidated metadata ({@code .zmetadata})
 * from the {@code .zarray}, {@code .zattrs} and {@code .zgroup} objects the store holds now, after
 * another tool changed attributes or shapes. Readers refuse a {@code .zmetadata} that disagrees with
 * the store and point here.
 */
@Command(name = "consolidate", description = "Rewrite a zarrmd's consolidated metadata (.zmetadata) from its current "
    + ".zarray/.zattrs/.zgroup objects (after another tool changed them).")
final class ConsolidateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "URL", description = "The zarrmd (path or URL).")
  String url;

  @Override
  public Integer call() throws Exception {
    StoreUrl u = StoreUrl.parse(url);
    int documents;
    try (Store store = CommandPlugins.trajStream().openStore(u, common.storeConfig())) {
      Store zarr = u.key().isEmpty() ? store : new PrefixedStore(store, u.key());
      documents = ZarrHierarchy.reconsolidate(zarr);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("wrote " + u.withKey(u.key() + "/" + ZarrHierarchy.ZMETADATA) + " (" + documents + " metadata documents)");
    out.flush();
    return 0;
  }
}
