package io.trajstream.testkit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class CapturedOutputTest {
  @Test
  void findsASecretInAnyOfTheChannels() {
    try (CapturedOutput out = CapturedOutput.start()) {
      System.out.println("plain out");
      assertNull(out.firstLeak(List.of("s3cr3t-a", "s3cr3t-b")));
      System.err.println("err says s3cr3t-a");
      assertEquals("s3cr3t-a", out.firstLeak(List.of("s3cr3t-a", "s3cr3t-b")));
    }
    try (CapturedOutput out = CapturedOutput.start()) {
      Logger.getLogger("io.trajstream.somewhere").fine("debug line with s3cr3t-b");
      assertEquals("s3cr3t-b", out.firstLeak(List.of("s3cr3t-a", "s3cr3t-b")));
    }
    try (CapturedOutput out = CapturedOutput.start()) {
      out.note(new IOException("outer", new IllegalStateException("inner s3cr3t-c")));
      assertEquals("s3cr3t-c", out.firstLeak(List.of("", "s3cr3t-c")));
      assertTrue(out.text().contains("outer"));
    }
  }

  @Test
  void closingRestoresTheStreamsAndLevels() {
    var before = System.err;
    var level = Logger.getLogger("io.trajstream").getLevel();
    CapturedOutput out = CapturedOutput.start();
    out.close();
    System.err.println("after close: s3cr3t-d");
    assertFalse(out.text().contains("s3cr3t-d"));
    assertEquals(before, System.err);
    assertEquals(level, Logger.getLogger("io.trajstream").getLevel());
  }
}
