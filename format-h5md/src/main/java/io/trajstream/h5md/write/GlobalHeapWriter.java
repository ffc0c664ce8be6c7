package io.trajstream.h5md.write;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Global heap collections ({@code GCOL}, version 1) for the values of variable-length strings. Objects
 * are gathered first ({@link #add}); {@link #write} then lays them out in collections of at least
 * 4096 bytes (the smallest collection HDF5 reads) and fills in each reference's address.
 */
final class GlobalHeapWriter {
  /** Smallest collection size HDF5 accepts. */
  static final int MIN_COLLECTION = 4096;
  /** Objects gathered into one collection up to about this many bytes. */
  private static final int TARGET_COLLECTION = 1 << 20;

  /** Where one heap object ends up: known after {@link #write}. */
  static final class HeapRef {
    private final byte[] data;
    private long collection = LeBytes.UNDEFINED;
    private int index;

    private HeapRef(byte[] data) {
      this.data = data;
    }

    /** The 16-byte element of a variable-length value referring to this object. */
    void encodeTo(LeBytes b) {
      if (collection == LeBytes.UNDEFINED) {
        throw new IllegalStateException("global heap not written yet");
      }
      b.u32(data.length).u64(collection).u32(index);
    }
  }

  private final List<HeapRef> objects = new ArrayList<>();

  /** Registers an object (e.g. the UTF-8 bytes of a string). */
  HeapRef add(byte[] data) {
    HeapRef r = new HeapRef(data);
    objects.add(r);
    return r;
  }

  private static long objectSize(HeapRef r) {
    return 16 + align8(r.data.length);
  }

  private static long align8(long n) {
    return (n + 7) & ~7L;
  }

  /** Appends the collections to {@code out} and resolves every reference. */
  void write(HdfOutput out) throws IOException {
    int from = 0;
    while (from < objects.size()) {
      long used = 16;
      int to = from;
      while (to < objects.size() && to - from < 0xfffe && (to == from || used + objectSize(objects.get(to)) <= TARGET_COLLECTION)) {
        used += objectSize(objects.get(to));
        to++;
      }
      writeCollection(out, objects.subList(from, to), used);
      from = to;
    }
  }

  private static void writeCollection(HdfOutput out, List<HeapRef> refs, long used) throws IOException {
    long size = Math.max(MIN_COLLECTION, used);
    if (size - used > 0 && size - used < 16) {
      size += 16; // room for the free-space object's header
    }
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a variable-length string of " + used + " bytes is too large");
    }
    LeBytes b = new LeBytes().ascii("GCOL").u8(1).zeros(3).u64(size);
    int index = 1;
    for (HeapRef r : refs) {
      b.u16(index).u16(1).zeros(4).u64(r.data.length).bytes(r.data).zeros((int) (align8(r.data.length) - r.data.length));
      r.index = index++;
    }
    long free = size - used;
    if (free > 0) {
      b.u16(0).u16(0).zeros(4).u64(free).zeros((int) free - 16); // object 0: the free space, header included
    }
    long at = out.append(b.toArray());
    for (HeapRef r : refs) {
      r.collection = at;
    }
  }
}
