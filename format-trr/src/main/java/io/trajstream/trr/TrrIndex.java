package io.trajstream.trr;

import io.trajstream.format.FormatException;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Every frame's offset and header, found by one scan of the headers (each gives the sizes of its
 * blocks, so the scan skips the data). Windows of the file are read when frames are small, only the
 * headers when they are large. Immutable.
 */
final class TrrIndex {
  final int atoms;
  final long[] offsets;
  final TrrHeader[] headers;

  private TrrIndex(int atoms, long[] offsets, TrrHeader[] headers) {
    this.atoms = atoms;
    this.offsets = offsets;
    this.headers = headers;
  }

  int frames() {
    return offsets.length;
  }

  static TrrIndex scan(StoreInput in, String location) throws IOException {
    long length = in.length();
    List<Long> offsets = new ArrayList<>();
    List<TrrHeader> headers = new ArrayList<>();
    int window = 64 * 1024;
    ByteBuffer data = null;
    long start = -1;
    long pos = 0;
    int atoms = -1;
    int real = 0;
    while (pos < length) {
      int frame = headers.size();
      int need = (int) Math.min(TrrHeader.MAX_HEADER, length - pos);
      if (data == null || pos < start || pos + need > start + data.limit()) {
        int n = (int) Math.min(Math.max(window, need), length - pos);
        data = in.read(pos, n).slice().order(ByteOrder.BIG_ENDIAN);
        start = pos;
      }
      TrrHeader h = TrrHeader.parse(data, (int) (pos - start), need, location, frame, pos, real);
      if (atoms < 0) {
        atoms = h.atoms();
      } else if (h.atoms() != atoms) {
        throw new FormatException(location, "frame " + frame,
            "has " + h.atoms() + " atoms at byte " + pos + ", the first frame has " + atoms);
      }
      real = h.real();
      long size = h.frameBytes();
      if (pos + size > length) {
        throw new FormatException(location, "frame " + frame, "truncated: the frame at byte " + pos + " needs "
            + size + " bytes, the file has " + (length - pos) + " left");
      }
      if (frame == 0) {
        // small frames: 1 MiB windows hold many; large ones: read just each header
        window = size <= 64 * 1024 ? 1 << 20 : TrrHeader.MAX_HEADER;
      }
      offsets.add(pos);
      headers.add(h);
      pos += size;
    }
    long[] off = new long[offsets.size()];
    for (int i = 0; i < off.length; i++) {
      off[i] = offsets.get(i);
    }
    return new TrrIndex(Math.max(atoms, 0), off, headers.toArray(new TrrHeader[0]));
  }
}
