package io.trajstream.zarr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** JSON reading and writing as zarr-python does it: keys sorted, four-space indent. */
public final class Json {
  /** The shared mapper; thread-safe. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private static final ObjectWriter PRETTY;

  static {
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
    DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
    pp.indentObjectsWith(indenter);
    pp.indentArraysWith(indenter);
    pp = pp.withSeparators(
        com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));
    PRETTY = MAPPER.writer(pp);
  }

  private Json() {}

  /** Parses UTF-8 JSON. Accepts the NaN/Infinity tokens that Python writes. */
  public static JsonNode parse(byte[] data) throws IOException {
    return MAPPER
        .reader()
        .with(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .readTree(data);
  }

  /** Serialises with sorted keys and indent, as UTF-8 bytes. */
  public static byte[] write(JsonNode node) {
    try {
      return PRETTY.writeValueAsString(sorted(node)).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A plain Java map of a JSON object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> toMap(JsonNode node) {
    return MAPPER.convertValue(node, Map.class);
  }

  /** A JSON tree of plain Java values. */
  public static JsonNode toTree(Object value) {
    return MAPPER.valueToTree(value);
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = MAPPER.createObjectNode();
      java.util.List<String> names = new java.util.ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      java.util.Collections.sort(names);
      for (String n : names) {
        out.set(n, sorted(node.get(n)));
      }
      return out;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode out = MAPPER.createArrayNode();
      for (JsonNode c : node) {
        out.add(sorted(c));
      }
      return out;
    }
    return node;
  }
}
