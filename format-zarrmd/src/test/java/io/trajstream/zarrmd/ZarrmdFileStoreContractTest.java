package io.trajstream.zarrmd;

import io.trajstream.format.TrajectoryFormat;
import io.trajstream.store.FileStore;
import io.trajstream.store.Store;
import io.trajstream.testkit.AbstractFormatContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The format contract for zarrmd on a {@link FileStore}. */
class ZarrmdFileStoreContractTest extends AbstractFormatContractTest {
  @TempDir Path tmp;

  @Override
  protected TrajectoryFormat format() {
    return new ZarrmdFormat();
  }

  @Override
  protected Store newStore() throws IOException {
    return new FileStore(Files.createTempDirectory(tmp, "store"));
  }

  @Override
  protected List<GoldenFile> goldenFiles() throws IOException {
    return ZarrmdContractSupport.goldenFiles();
  }
}
