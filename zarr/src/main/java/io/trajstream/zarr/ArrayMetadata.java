package io.trajstream.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The contents of a Zarr v2 {@code .zarray}: shape, chunk shape, data type, fill value, memory
 * order, chunk key separator and the codec configurations (filters, then compressor).
 *
 * @param fillValue a {@link Double}, {@link Long}, {@link Boolean}, or null (no fill value: zeros)
 * @param order {@code 'C'} or {@code 'F'}
 * @param separator {@code "."} or {@code "/"}
 * @param compressor the compressor configuration, or null
 * @param filters the filter configurations in encoding order (empty: none)
 */
public record ArrayMetadata(
    long[] shape,
    int[] chunks,
    DataType dtype,
    Object fillValue,
    char order,
    String separator,
    Map<String, Object> compressor,
    List<Map<String, Object>> filters) {

  public ArrayMetadata {
    if (shape.length != chunks.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " and chunks " + Arrays.toString(chunks) + " differ in rank");
    }
    if (shape.length > MAX_RANK) {
      throw new IllegalArgumentException("rank " + shape.length + " is more than " + MAX_RANK);
    }
    long[] chunkSizes = new long[chunks.length + 1];
    for (int i = 0; i < chunks.length; i++) {
      if (chunks[i] < 1 || shape[i] < 0) {
        throw new IllegalArgumentException("bad shape " + Arrays.toString(shape) + " / chunks " + Arrays.toString(chunks));
      }
      chunkSizes[i] = chunks[i];
    }
    chunkSizes[chunks.length] = dtype.size();
    if (HeapLimit.product(chunkSizes) < 0) {
      throw new IllegalArgumentException("chunks " + Arrays.toString(chunks) + " of " + dtype.code() + " hold more than 2^63 bytes");
    }
    if (order != 'C' && order != 'F') {
      throw new IllegalArgumentException("order must be C or F, got " + order);
    }
    if (!separator.equals(".") && !separator.equals("/")) {
      throw new IllegalArgumentException("dimension_separator must be '.' or '/', got '" + separator + "'");
    }
    shape = shape.clone();
    chunks = chunks.clone();
    fillValue = normalizeFill(fillValue, dtype);
    filters = filters == null ? List.of() : List.copyOf(filters);
  }

  private static Object normalizeFill(Object v, DataType dtype) {
    if (v == null) {
      return null;
    }
    double d;
    if (v instanceof Boolean b) {
      d = b ? 1 : 0;
    } else if (v instanceof Number n) {
      d = n.doubleValue();
      if (dtype.kind() != DataType.Kind.FLOAT && !(v instanceof Double || v instanceof Float)) {
        return dtype.kind() == DataType.Kind.BOOL ? (Object) (n.longValue() != 0) : (Object) n.longValue();
      }
    } else {
      throw new IllegalArgumentException("fill value " + v + " is not a number or boolean");
    }
    return switch (dtype.kind()) {
      case FLOAT -> d;
      case BOOL -> d != 0;
      default -> (long) d;
    };
  }

  /** A C-order array with "." keys and no filters. */
  public static ArrayMetadata of(long[] shape, int[] chunks, DataType dtype, Object fillValue, Map<String, Object> compressor) {
    return new ArrayMetadata(shape, chunks, dtype, fillValue, 'C', ".", compressor, List.of());
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public int[] chunks() {
    return chunks.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** The most dimensions an array may have (numpy's limit). */
  public static final int MAX_RANK = 64;

  /** Elements per chunk. */
  public long chunkElements() {
    long n = 1;
    for (int c : chunks) {
      n *= c;
    }
    return n;
  }

  /** Number of chunks along dimension {@code d}. */
  public long chunkCount(int d) {
    return shape[d] / chunks[d] + (shape[d] % chunks[d] == 0 ? 0 : 1);
  }

  /** A copy with another shape. */
  public ArrayMetadata withShape(long[] newShape) {
    return new ArrayMetadata(newShape, chunks, dtype, fillValue, order, separator, compressor, filters);
  }

  /**
   * Parses a {@code .zarray} document.
   *
   * @throws IllegalArgumentException naming the bad key
   */
  public static ArrayMetadata parse(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(".zarray is not a JSON object");
    }
    int format = n.path("zarr_format").asInt(-1);
    if (format != 2) {
      throw new IllegalArgumentException("zarr_format is " + n.path("zarr_format") + ", expected 2");
    }
    JsonNode sh = n.get("shape");
    JsonNode ch = n.get("chunks");
    if (sh == null || !sh.isArray() || ch == null || !ch.isArray()) {
      throw new IllegalArgumentException("shape and chunks must be arrays");
    }
    if (sh.size() > MAX_RANK || ch.size() > MAX_RANK) {
      throw new IllegalArgumentException("shape and chunks have more than " + MAX_RANK + " dimensions");
    }
    long[] shape = new long[sh.size()];
    int[] chunks = new int[ch.size()];
    for (int i = 0; i < shape.length; i++) {
      JsonNode v = sh.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
        throw new IllegalArgumentException("shape " + sh + " is not a list of non-negative integers");
      }
      shape[i] = v.asLong();
    }
    for (int i = 0; i < chunks.length; i++) {
      JsonNode v = ch.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
        throw new IllegalArgumentException("chunks " + ch + " is not a list of positive integers below 2^31");
      }
      chunks[i] = v.asInt();
    }
    JsonNode dt = n.get("dtype");
    if (dt == null || !dt.isTextual()) {
      throw new IllegalArgumentException("dtype " + dt + " is not supported (structured types are not)");
    }
    DataType dtype = DataType.parse(dt.asText());
    Object fill = parseFill(n.get("fill_value"), dtype);
    String order = n.path("order").asText("C");
    String sep = n.path("dimension_separator").asText(".");
    Map<String, Object> compressor = null;
    JsonNode c = n.get("compressor");
    if (c != null && !c.isNull()) {
      compressor = Json.toMap(c);
    }
    List<Map<String, Object>> filters = new ArrayList<>();
    JsonNode f = n.get("filters");
    if (f != null && f.isArray()) {
      for (JsonNode fn : f) {
        filters.add(Json.toMap(fn));
      }
    }
    if (order.length() != 1) {
      throw new IllegalArgumentException("order '" + order + "' is not C or F");
    }
    return new ArrayMetadata(shape, chunks, dtype, fill, order.charAt(0), sep, compressor, filters);
  }

  private static Object parseFill(JsonNode v, DataType dtype) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return switch (v.asText()) {
        case "NaN" -> Double.NaN;
        case "Infinity" -> Double.POSITIVE_INFINITY;
        case "-Infinity" -> Double.NEGATIVE_INFINITY;
        default -> throw new IllegalArgumentException("fill_value " + v + " is not supported");
      };
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (dtype.kind() == DataType.Kind.FLOAT) {
      return v.asDouble();
    }
    if (dtype.kind() == DataType.Kind.BOOL) {
      return v.asDouble() != 0;
    }
    return v.isIntegralNumber() ? v.asLong() : (long) v.asDouble();
  }

  /** The {@code .zarray} document. */
  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    ArrayNode ch = n.putArray("chunks");
    for (int c : chunks) {
      ch.add(c);
    }
    if (compressor == null) {
      n.putNull("compressor");
    } else {
      n.set("compressor", Json.toTree(compressor));
    }
    if (!separator.equals(".")) {
      n.put("dimension_separator", separator);
    }
    n.put("dtype", dtype.code());
    putFill(n);
    if (filters.isEmpty()) {
      n.putNull("filters");
    } else {
      n.set("filters", Json.toTree(filters));
    }
    n.put("order", String.valueOf(order));
    ArrayNode sh = n.putArray("shape");
    for (long s : shape) {
      sh.add(s);
    }
    n.put("zarr_format", 2);
    return n;
  }

  private void putFill(ObjectNode n) {
    if (fillValue == null) {
      n.putNull("fill_value");
    } else if (fillValue instanceof Boolean b) {
      n.put("fill_value", b);
    } else if (fillValue instanceof Double d) {
      if (d.isNaN()) {
        n.put("fill_value", "NaN");
      } else if (d.isInfinite()) {
        n.put("fill_value", d > 0 ? "Infinity" : "-Infinity");
      } else if (dtype.kind() == DataType.Kind.FLOAT) {
        n.put("fill_value", d.doubleValue());
      } else {
        n.put("fill_value", d.longValue());
      }
    } else if (fillValue instanceof Number num) {
      if (dtype.kind() == DataType.Kind.FLOAT) {
        n.put("fill_value", num.doubleValue());
      } else {
        n.put("fill_value", num.longValue());
      }
    } else {
      throw new IllegalStateException("fill value " + fillValue + " of unsupported type");
    }
  }

  /** One element holding the fill value, in the array's type and byte order (zeros when null). */
  public byte[] fillBytes() {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(dtype.size()).order(dtype.order());
    if (fillValue instanceof Boolean bool) {
      dtype.putLong(b, 0, bool ? 1 : 0);
    } else if (fillValue instanceof Double d) {
      dtype.putDouble(b, 0, d);
    } else if (fillValue instanceof Number num) {
      dtype.putLong(b, 0, num.longValue());
    }
    return b.array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArrayMetadata m
        && Arrays.equals(m.shape, shape)
        && Arrays.equals(m.chunks, chunks)
        && m.dtype.equals(dtype)
        && java.util.Objects.equals(m.fillValue, fillValue)
        && m.order == order
        && m.separator.equals(separator)
        && java.util.Objects.equals(m.compressor, compressor)
        && m.filters.equals(filters);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(shape) * 31 + Arrays.hashCode(chunks);
  }

  @Override
  public String toString() {
    return "ArrayMetadata[shape=" + Arrays.toString(shape) + ", chunks=" + Arrays.toString(chunks) + ", dtype=" + dtype.code()
        + ", compressor=" + compressor + ", filters=" + filters + "]";
  }
}
