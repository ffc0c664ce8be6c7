package io.trajstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * A store that passes every call to another; decorators (caching, metering, latency, faults)
 * extend it and override only what they change.
 */
public abstract class ForwardingStore implements Store {
  protected final Store delegate;

  protected ForwardingStore(Store delegate) {
    this.delegate = delegate;
  }

  /** The wrapped store. */
  public Store delegate() {
    return delegate;
  }

  @Override
  public String root() {
    return delegate.root();
  }

  @Override
  public String location(String key) {
    return delegate.location(key);
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    return delegate.newInput(key);
  }

  @Override
  public StoreInput newInput(String key, long knownLength) throws IOException {
    return delegate.newInput(key, knownLength);
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
    delegate.write(key, data);
  }

  @Override
  public Optional<ObjectStat> stat(String key) throws IOException {
    return delegate.stat(key);
  }

  @Override
  public String checksumOf(ByteBuffer data) {
    return delegate.checksumOf(data);
  }

  @Override
  public WriteOutcome writeResumable(String key, ByteBuffer data, LongConsumer progress) throws IOException {
    return delegate.writeResumable(key, data, progress);
  }

  @Override
  public WriteOutcome writeResumable(String key, StoreInput source, LongConsumer progress) throws IOException {
    return delegate.writeResumable(key, source, progress);
  }

  @Override
  public void delete(String key) throws IOException {
    delegate.delete(key);
  }

  @Override
  public int preferredConcurrency() {
    return delegate.preferredConcurrency();
  }

  @Override
  public StoreCapabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
