package io.trajstream.h5md.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed JSON is an IllegalArgumentException naming the position, never another exception. */
class JsonTest {
  @Test
  void parsesWhatIndexesHold() {
    assertEquals(Map.of("a", List.of(1L, 2.5, "x\u00e9\n"), "b", true), Json.parse("{\"a\": [1, 2.5, \"x\\u00e9\\n\"], \"b\": true}"));
  }

  @Test
  void truncatedEscapesAreErrors() {
    for (String bad : new String[] {"\"abc\\", "\"\\u12", "{\"k\": \"\\"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("bad JSON at character"), e.getMessage());
    }
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String deep = "[".repeat(200_000) + "]".repeat(200_000);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
    assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
    String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    Json.parse(ok);
  }
}
