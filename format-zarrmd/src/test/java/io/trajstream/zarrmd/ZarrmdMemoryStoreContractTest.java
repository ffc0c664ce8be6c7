package io.trajstream.zarrmd;

import io.trajstream.format.TrajectoryFormat;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.Store;
import io.trajstream.testkit.AbstractFormatContractTest;
import java.io.IOException;
import java.util.List;

/** The format contract for zarrmd on a {@link MemoryStore}, with zarrtraj's files as golden files. */
class ZarrmdMemoryStoreContractTest extends AbstractFormatContractTest {
  @Override
  protected TrajectoryFormat format() {
    return new ZarrmdFormat();
  }

  @Override
  protected Store newStore() {
    return new MemoryStore();
  }

  @Override
  protected List<GoldenFile> goldenFiles() throws IOException {
    return ZarrmdContractSupport.goldenFiles();
  }
}
