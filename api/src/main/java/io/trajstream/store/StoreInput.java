package io.trajstream.store;

import io.trajstream.ExtensionPoint;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Positional reads of one stored object. Implementations are thread-safe and stateless: any number
 * of threads may read any positions at once; there is no cursor.
 */
@ExtensionPoint
public interface StoreInput extends Closeable {

  /** The object's length in bytes. */
  long length() throws IOException;

  /** The location of the object, for messages (e.g. {@code s3://bucket/key}). */
  String location();

  /**
   * What identifies the object's current content, when the store knows it without another request:
   * {@code kind:value}, e.g. {@code etag:"9b2cf5…"} or {@code mtime:1733138400123456789}. It changes
   * whenever the object is rewritten; values of different kinds are not comparable. Empty by
   * default. Lets an index written beside a file tell that the file has changed since.
   */
  default java.util.Optional<String> version() throws IOException {
    return java.util.Optional.empty();
  }

  /**
   * Reads exactly {@code len} bytes at {@code position} into {@code buf}.
   *
   * @throws EOFException if the range passes the end of the object
   */
  void readFully(long position, byte[] buf, int off, int len) throws IOException;

  /** Reads {@code length} bytes at {@code position}; the buffer's position is 0, its limit the length. */
  default ByteBuffer read(long position, int length) throws IOException {
    byte[] buf = new byte[length];
    readFully(position, buf, 0, length);
    return ByteBuffer.wrap(buf);
  }

  /** The part size remote inputs prefer by default (AWS suggests 8–16 MB per ranged GET). */
  int REMOTE_PART_SIZE = 8 << 20;

  /**
   * The largest request this input prefers: {@link #readVectored} fetches a longer merged range as
   * several ranged requests of this size in parallel. 0 (the default, right for local files and
   * memory) means never split; remote inputs return a few MiB ({@link #REMOTE_PART_SIZE}).
   */
  default int preferredPartSize() {
    return 0;
  }

  /** The pool that {@link #readVectored} fetches merged ranges on. */
  default Executor ioExecutor() {
    return IoExecutors.shared();
  }

  /** {@link #readVectored(List, VectoredReadOptions)} with the default gap and cap. */
  default CompletableFuture<List<ByteBuffer>> readVectored(List<ByteRange> ranges) {
    return readVectored(ranges, VectoredReadOptions.DEFAULT);
  }

  /**
   * Reads many ranges at once: sorts them, merges ranges closer than {@code options.maxGap()} up to
   * {@code options.maxMergedSize()}, splits merged ranges longer than the part size ({@link
   * VectoredReadOptions#partSizeFor}) into parallel ranged requests, fetches them all concurrently on {@link #ioExecutor()},
   * and completes with one read-only slice per requested range, in request order. Merging never
   * changes the bytes returned. Fails with {@link EOFException} (wrapped in a {@link
   * CompletionException}) when a range passes the end.
   *
   * <p>Waiting on the returned future with {@code join} or {@code get} runs the merged ranges that
   * no pool thread has started yet on the waiting thread, so a caller that itself runs on the I/O
   * pool cannot deadlock it. When one range fails, those not started are dropped and the future
   * fails once the started ones have finished; {@code cancel} does the same. Once the future has
   * completed, no task of the call still reads this input.
   */
  default CompletableFuture<List<ByteBuffer>> readVectored(
      List<ByteRange> ranges, VectoredReadOptions options) {
    return VectoredRead.start(this, ranges, options);
  }

  /** Blocking form of {@link #readVectored(List)} that rethrows the store's own {@link IOException}. */
  default List<ByteBuffer> readVectoredBlocking(List<ByteRange> ranges) throws IOException {
    return StoreInputs.join(readVectored(ranges));
  }

  @Override
  default void close() throws IOException {}

  /** Small helpers shared by implementations. */
  final class StoreInputs {
    private StoreInputs() {}

    /**
     * {@code read} (a {@link #readVectored} result) with its buffers transformed by {@code fn}, for
     * decorators: unlike {@code thenApply}, waiting on the result still runs unstarted parts on the
     * waiting thread and {@code cancel} still reaches the read.
     */
    public static CompletableFuture<List<ByteBuffer>> map(CompletableFuture<List<ByteBuffer>> read,
        java.util.function.Function<List<ByteBuffer>, List<ByteBuffer>> fn) {
      return new MappedVectoredRead(read, fn);
    }

    /**
     * Cancels {@code future} and waits, through interrupts (kept for the caller), until it is done:
     * for a {@link #readVectored} result, until its started parts have finished, so none of them
     * still touches the input or its buffers.
     */
    public static void settle(java.util.concurrent.Future<?> future) {
      future.cancel(true);
      boolean interrupted = false;
      while (true) {
        try {
          future.get(); // a vectored read completes once its started parts have finished
          break;
        } catch (InterruptedException again) {
          interrupted = true;
        } catch (ExecutionException | CancellationException done) {
          break;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    /**
     * Waits for a future and unwraps {@link IOException}s from it. The wait is interruptible: on
     * interrupt the future is cancelled, its started work (if it is a {@link #readVectored} result)
     * is waited for, the interrupt status is kept and {@link InterruptedIOException} is thrown.
     */
    public static <T> T join(CompletableFuture<T> future) throws IOException {
      try {
        return future.get();
      } catch (InterruptedException e) {
        settle(future);
        Thread.currentThread().interrupt();
        String where = future instanceof VectoredRead v ? v.location() : "store read";
        InterruptedIOException io = new InterruptedIOException(where + ": interrupted while waiting for the read");
        io.initCause(e);
        throw io;
      } catch (ExecutionException e) {
        throw asIOException(e.getCause());
      } catch (CompletionException e) {
        throw asIOException(e.getCause());
      }
    }

    /**
     * The failure of a task, as its caller should see it: the {@link IOException} to throw (the
     * task's own, the cause of an {@link UncheckedIOException}, or a wrapper), while unchecked
     * exceptions and errors are thrown from here as they were. Completion and execution
     * wrappers are removed first.
     */
    public static IOException asIOException(Throwable c) {
      if (c instanceof CompletionException || c instanceof ExecutionException) {
        if (c.getCause() != null) {
          c = c.getCause();
        }
      }
      if (c instanceof IOException io) {
        return io;
      }
      if (c instanceof UncheckedIOException u) {
        return u.getCause();
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      return new IOException(c);
    }

    /** Checks a positional request against a known length; the message names the location. */
    public static void checkRange(String location, long objectLength, long position, long len)
        throws EOFException {
      if (position < 0 || len < 0) {
        throw new IllegalArgumentException(
            location + ": bad range position=" + position + " length=" + len);
      }
      if (position + len > objectLength) {
        throw new EOFException(
            location + ": read of " + len + " bytes at " + position + " passes the end ("
                + objectLength + " bytes)");
      }
    }

    /** Copies a range of {@code data} with bounds checks; used by in-memory inputs. */
    public static byte[] copyRange(String location, byte[] data, long position, int len)
        throws EOFException {
      checkRange(location, data.length, position, len);
      return Arrays.copyOfRange(data, (int) position, (int) position + len);
    }
  }
}
