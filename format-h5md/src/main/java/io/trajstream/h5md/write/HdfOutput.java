package io.trajstream.h5md.write;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file being written: everything is appended at its end (chunks as they fill, then metadata),
 * except the superblock, which is written last at address 0 over the space reserved for it.
 */
final class HdfOutput implements Closeable {
  private final Path path;
  private final FileChannel channel;
  private long end;

  HdfOutput(Path path, long reserved) throws IOException {
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
    this.end = reserved;
  }

  Path path() {
    return path;
  }

  /** The address of the next byte appended (the file's size so far). */
  long end() {
    return end;
  }

  /** Appends {@code data}; returns its address. */
  long append(byte[] data) throws IOException {
    return append(ByteBuffer.wrap(data));
  }

  /** Appends the remaining bytes of {@code data}; returns their address. */
  long append(ByteBuffer data) throws IOException {
    long at = end;
    writeAt(at, data);
    return at;
  }

  /** Writes {@code data} at {@code address} (and moves the end past it when beyond). */
  void writeAt(long address, ByteBuffer data) throws IOException {
    long pos = address;
    while (data.hasRemaining()) {
      pos += channel.write(data, pos);
    }
    end = Math.max(end, pos);
  }

  /** Forces the content to the device. */
  void force() throws IOException {
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
