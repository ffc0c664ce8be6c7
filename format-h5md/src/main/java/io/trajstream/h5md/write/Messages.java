package io.trajstream.h5md.write;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes the bodies of the object header messages this writer uses (HDF5 file format
 * specification, section IV.A.2): dataspace (version 2), link info, group info, link (hard links),
 * fill value (version 3), data layout (version 3, chunked with a version 1 B-tree or contiguous),
 * filter pipeline (version 2) and attribute (version 3).
 */
final class Messages {
  static final int DATASPACE = 0x01;
  static final int LINK_INFO = 0x02;
  static final int DATATYPE = 0x03;
  static final int FILL_VALUE = 0x05;
  static final int LINK = 0x06;
  static final int LAYOUT = 0x08;
  static final int GROUP_INFO = 0x0A;
  static final int FILTER_PIPELINE = 0x0B;
  static final int ATTRIBUTE = 0x0C;

  /** Unlimited maximum dimension size. */
  static final long UNLIMITED = -1L;

  private Messages() {}

  /** A simple dataspace ({@code dims} of length 0: scalar); {@code maxDims} null when equal to dims. */
  static byte[] dataspace(long[] dims, long[] maxDims) {
    LeBytes b = new LeBytes();
    boolean scalar = dims.length == 0;
    b.u8(2).u8(dims.length).u8(maxDims != null ? 1 : 0).u8(scalar ? 0 : 1);
    for (long d : dims) {
      b.u64(d);
    }
    if (maxDims != null) {
      for (long d : maxDims) {
        b.u64(d);
      }
    }
    return b.toArray();
  }

  /** Link info of a group whose links are all stored in its object header (no fractal heap). */
  static byte[] linkInfo() {
    return new LeBytes().u8(0).u8(0).u64(LeBytes.UNDEFINED).u64(LeBytes.UNDEFINED).toArray();
  }

  /** Group info with the default compact/dense thresholds. */
  static byte[] groupInfo() {
    return new LeBytes().u8(0).u8(0).toArray();
  }

  /** A hard link named {@code name} to the object header at {@code address}. */
  static byte[] hardLink(String name, long address) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    boolean ascii = n.length == name.length();
    LeBytes b = new LeBytes().u8(1);
    int lengthSize = n.length < 256 ? 0 : 1;
    b.u8(lengthSize | (ascii ? 0 : 0x10));
    if (!ascii) {
      b.u8(1); // UTF-8
    }
    if (lengthSize == 0) {
      b.u8(n.length);
    } else {
      b.u16(n.length);
    }
    return b.bytes(n).u64(address).toArray();
  }

  /** Fill value: allocated incrementally, written if set, no value defined (readers use zeros). */
  static byte[] fillValue() {
    return new LeBytes().u8(3).u8(0x03 | (2 << 2)).toArray();
  }

  /** Chunked layout indexed by a version 1 B-tree at {@code btree} ({@link LeBytes#UNDEFINED} when no chunk). */
  static byte[] chunkedLayout(long btree, int[] chunkDims, int elementSize) {
    LeBytes b = new LeBytes().u8(3).u8(2).u8(chunkDims.length + 1).u64(btree);
    for (int d : chunkDims) {
      b.u32(d);
    }
    return b.u32(elementSize).toArray();
  }

  /** Contiguous layout of {@code size} bytes at {@code address}. */
  static byte[] contiguousLayout(long address, long size) {
    return new LeBytes().u8(3).u8(1).u64(address).u64(size).toArray();
  }

  /** A filter of the pipeline: its id and client data. */
  record Filter(int id, int[] clientData) {}

  /** Filter pipeline (version 2) of registered filters (ids below 256, so without names). */
  static byte[] filterPipeline(List<Filter> filters) {
    LeBytes b = new LeBytes().u8(2).u8(filters.size());
    for (Filter f : filters) {
      b.u16(f.id()).u16(0).u16(f.clientData().length);
      for (int v : f.clientData()) {
        b.u32(v);
      }
    }
    return b.toArray();
  }

  /** An attribute (version 3, UTF-8 name) with its already encoded values. */
  static byte[] attribute(String name, HdfType type, long[] dims, byte[] data) {
    byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
    byte[] t = type.encode();
    byte[] s = dataspace(dims, null);
    return new LeBytes().u8(3).u8(0).u16(n.length).u16(t.length).u16(s.length).u8(1)
        .bytes(n).bytes(t).bytes(s).bytes(data).toArray();
  }
}
