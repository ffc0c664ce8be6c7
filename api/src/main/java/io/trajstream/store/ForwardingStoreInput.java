package io.trajstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

/**
 * A store input that passes every call to another. Vectored reads are not forwarded: the default
 * coalescing implementation runs on top of this input's {@link #read}, so decorators see (and
 * count, delay, cache) each merged request.
 */
public abstract class ForwardingStoreInput implements StoreInput {
  protected final StoreInput delegate;

  protected ForwardingStoreInput(StoreInput delegate) {
    this.delegate = delegate;
  }

  @Override
  public long length() throws IOException {
    return delegate.length();
  }

  @Override
  public String location() {
    return delegate.location();
  }

  @Override
  public java.util.Optional<String> version() throws IOException {
    return delegate.version();
  }

  @Override
  public void readFully(long position, byte[] buf, int off, int len) throws IOException {
    delegate.readFully(position, buf, off, len);
  }

  @Override
  public ByteBuffer read(long position, int length) throws IOException {
    return delegate.read(position, length);
  }

  @Override
  public int preferredPartSize() {
    return delegate.preferredPartSize();
  }

  @Override
  public Executor ioExecutor() {
    return delegate.ioExecutor();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
