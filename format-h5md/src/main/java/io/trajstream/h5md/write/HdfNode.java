package io.trajstream.h5md.write;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An object of the file being built (group or dataset) with its attributes. */
public abstract sealed class HdfNode permits HdfGroup, HdfDataset {
  /** One attribute: a scalar or 1-D value of strings, integers or floats. */
  record Attribute(String name, HdfType type, long[] dims, Object values) {}

  private final String path;
  private final List<Attribute> attributes = new ArrayList<>();
  /** Set once the object header is written. */
  long address = LeBytes.UNDEFINED;

  HdfNode(String path) {
    this.path = path;
  }

  /** The path from the root, e.g. {@code particles/trajectory/position/value}. */
  public String path() {
    return path;
  }

  List<Attribute> attributes() {
    return attributes;
  }

  private HdfNode put(Attribute a) {
    attributes.removeIf(x -> x.name().equals(a.name()));
    attributes.add(a);
    return this;
  }

  /** A scalar variable-length UTF-8 string attribute. */
  public HdfNode attribute(String name, String value) {
    return put(new Attribute(name, HdfType.STRING, new long[0], new String[] {value}));
  }

  /** A 1-D variable-length UTF-8 string attribute. */
  public HdfNode attribute(String name, List<String> values) {
    return put(new Attribute(name, HdfType.STRING, new long[] {values.size()}, values.toArray(new String[0])));
  }

  /** A scalar int32 attribute. */
  public HdfNode attribute(String name, int value) {
    return put(new Attribute(name, HdfType.INT32, new long[0], new long[] {value}));
  }

  /** A 1-D int32 attribute. */
  public HdfNode attribute(String name, int[] values) {
    long[] v = new long[values.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = values[i];
    }
    return put(new Attribute(name, HdfType.INT32, new long[] {values.length}, v));
  }

  /** Registers the strings of the attributes in {@code heap}; returns their references in order. */
  List<GlobalHeapWriter.HeapRef> registerStrings(GlobalHeapWriter heap) {
    List<GlobalHeapWriter.HeapRef> refs = new ArrayList<>();
    for (Attribute a : attributes) {
      if (a.type() == HdfType.STRING) {
        for (String s : (String[]) a.values()) {
          refs.add(heap.add(s.getBytes(StandardCharsets.UTF_8)));
        }
      }
    }
    return refs;
  }

  /** Adds the attribute messages, taking string references from {@code refs} in the order registered. */
  void addAttributes(ObjectHeaderWriter h, List<GlobalHeapWriter.HeapRef> refs) {
    int next = 0;
    for (Attribute a : attributes) {
      LeBytes data = new LeBytes();
      switch (a.type()) {
        case STRING -> {
          for (int i = 0; i < ((String[]) a.values()).length; i++) {
            refs.get(next++).encodeTo(data);
          }
        }
        case INT32 -> {
          for (long v : (long[]) a.values()) {
            data.u32(v);
          }
        }
        case INT64 -> {
          for (long v : (long[]) a.values()) {
            data.u64(v);
          }
        }
        case FLOAT64 -> {
          for (double v : (double[]) a.values()) {
            data.u64(Double.doubleToRawLongBits(v));
          }
        }
        default -> throw new IllegalStateException("attribute type " + a.type() + " is not written");
      }
      h.add(Messages.ATTRIBUTE, Messages.attribute(a.name(), a.type(), a.dims(), data.toArray()));
    }
  }
}
