package io.trajstream.zarrmd;

import io.trajstream.store.Store;
import io.trajstream.store.StoreCapabilities;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/** A store that passes everything to another and records the keys written, in order. */
final class RecordingStore implements Store {
  final List<String> writes = Collections.synchronizedList(new ArrayList<>());
  private final Store delegate;

  RecordingStore(Store delegate) {
    this.delegate = delegate;
  }

  @Override
  public String root() {
    return delegate.root();
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    return delegate.newInput(key);
  }

  @Override
  public byte[] readAll(String key) throws IOException {
    return delegate.readAll(key);
  }

  @Override
  public boolean exists(String key) throws IOException {
    return delegate.exists(key);
  }

  @Override
  public Stream<StoreEntry> list(String prefix) throws IOException {
    return delegate.list(prefix);
  }

  @Override
  public void write(String key, ByteBuffer data) throws IOException {
    writes.add(key);
    delegate.write(key, data);
  }

  @Override
  public void delete(String key) throws IOException {
    delegate.delete(key);
  }

  @Override
  public StoreCapabilities capabilities() {
    return delegate.capabilities();
  }
}
