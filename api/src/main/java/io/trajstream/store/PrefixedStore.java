package io.trajstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/** A view of another store below a key prefix: key {@code k} here is {@code prefix/k} there. */
public final class PrefixedStore implements Store {
  private final Store delegate;
  private final String prefix;

  public PrefixedStore(Store delegate, String prefix) {
    this.delegate = delegate;
    String p = prefix;
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    this.prefix = p + "/";
  }

  private String full(String key) {
    return prefix + Keys.check(root(), key);
  }

  @Override
  public String root() {
    return delegate.location(prefix);
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    return delegate.newInput(full(key));
  }

  @Override
  public StoreInput newInput(String key, long knownLength) throws IOException {
    return delegate.newInput(full(key), knownLength);
  }

  @Override
  public byte[] readAll(String key) throws IOException {
    return delegate.readAll(full(key));
  }

  @Override
  public ByteBuffer readAll(String key, IntFunction<ByteBuffer> allocator) throws IOException {
    return delegate.readAll(full(key), allocator);
  }

  @Override
  public boolean exists(String key) throws IOException {
    return delegate.exists(full(key));
  }

  @Override
  public Stream<StoreEntry> list(String p) throws IOException {
    return delegate
        .list(prefix + (p == null ? "" : p))
        .map(e -> new StoreEntry(e.key().substring(prefix.length()), e.length()));
  }

  @Override
  public void write(String key, ByteBuffer data) throws IOException {
    delegate.write(full(key), data);
  }

  @Override
  public Optional<ObjectStat> stat(String key) throws IOException {
    return delegate.stat(full(key));
  }

  @Override
  public String checksumOf(ByteBuffer data) {
    return delegate.checksumOf(data);
  }

  @Override
  public WriteOutcome writeResumable(String key, ByteBuffer data, LongConsumer progress) throws IOException {
    return delegate.writeResumable(full(key), data, progress);
  }

  @Override
  public WriteOutcome writeResumable(String key, StoreInput source, LongConsumer progress) throws IOException {
    return delegate.writeResumable(full(key), source, progress);
  }

  @Override
  public void delete(String key) throws IOException {
    delegate.delete(full(key));
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
