package io.trajstream.h5md.io;

import io.trajstream.store.ByteRange;
import io.trajstream.store.StoreInput;
import io.trajstream.store.StoreInput.StoreInputs;
import io.trajstream.store.VectoredReadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A {@link StoreInput} that keeps the first bytes of an object, fetched once in one request when
 * it is made, and serves every read that lies inside them from memory. An HDF5 file's metadata, its
 * small step and time datasets and often its first chunks lie there, so keeping the head for a
 * reader's life spares fetching them twice. Other reads, vectored ones included, go to the wrapped
 * input. Thread-safe as the wrapped input is.
 */
public final class HeadCachedInput implements StoreInput {
  private final StoreInput delegate;
  private final long length;
  private final byte[] head;

  private HeadCachedInput(StoreInput delegate, long length, byte[] head) {
    this.delegate = delegate;
    this.length = length;
    this.head = head;
  }

  /** Wraps {@code in}, fetching its first {@code headBytes} bytes (at most its length) now. */
  public static HeadCachedInput open(StoreInput in, long headBytes) throws IOException {
    if (in instanceof HeadCachedInput h) {
      return h;
    }
    long length = in.length();
    int n = (int) Math.max(0, Math.min(length, Math.min(headBytes, Integer.MAX_VALUE - 8)));
    byte[] head = new byte[n];
    if (n > 0) {
      in.readFully(0, head, 0, n);
    }
    return new HeadCachedInput(in, length, head);
  }

  /** Bytes kept from the start of the object. */
  public int headLength() {
    return head.length;
  }

  private boolean inHead(long position, long len) {
    return position >= 0 && len >= 0 && position + len <= head.length;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public String location() {
    return delegate.location();
  }

  @Override
  public Optional<String> version() throws IOException {
    return delegate.version();
  }

  @Override
  public void readFully(long position, byte[] buf, int off, int len) throws IOException {
    if (inHead(position, len)) {
      System.arraycopy(head, (int) position, buf, off, len);
    } else {
      delegate.readFully(position, buf, off, len);
    }
  }

  @Override
  public ByteBuffer read(long position, int len) throws IOException {
    if (inHead(position, len)) {
      return ByteBuffer.wrap(head, (int) position, len).slice().asReadOnlyBuffer();
    }
    return delegate.read(position, len);
  }

  @Override
  public Executor ioExecutor() {
    return delegate.ioExecutor();
  }

  /** Ranges inside the head are served from memory; the others go to the wrapped input's vectored read, together. */
  @Override
  public CompletableFuture<List<ByteBuffer>> readVectored(List<ByteRange> ranges, VectoredReadOptions options) {
    ByteBuffer[] out = new ByteBuffer[ranges.size()];
    List<ByteRange> rest = new ArrayList<>();
    List<Integer> restAt = new ArrayList<>();
    for (int i = 0; i < ranges.size(); i++) {
      ByteRange r = ranges.get(i);
      if (inHead(r.offset(), r.length())) {
        out[i] = ByteBuffer.wrap(head, (int) r.offset(), r.length()).slice().asReadOnlyBuffer();
      } else {
        rest.add(r);
        restAt.add(i);
      }
    }
    if (rest.isEmpty()) {
      return CompletableFuture.completedFuture(List.of(out));
    }
    return StoreInputs.map(delegate.readVectored(rest, options), got -> {
      for (int k = 0; k < got.size(); k++) {
        out[restAt.get(k)] = got.get(k);
      }
      return List.of(out);
    });
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
