package io.trajstream.zarrmd;

import io.trajstream.store.ForwardingStore;
import io.trajstream.store.Store;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A store that passes everything to another and records the keys written, in order. */
final class RecordingStore extends ForwardingStore {
  final List<String> writes = Collections.synchronizedList(new ArrayList<>());

  RecordingStore(Store delegate) {
    super(delegate);
  }

  @Override
  public void write(String key, ByteBuffer data) throws IOException {
    writes.add(key);
    delegate.write(key, data);
  }
}
