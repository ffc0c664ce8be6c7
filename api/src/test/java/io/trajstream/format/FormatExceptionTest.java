package io.trajstream.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatExceptionTest {
  @Test
  void messageNamesFileObjectAndProblem() {
    assertEquals("s3://b/run.h5md: particles/x: bad", new FormatException("s3://b/run.h5md", "particles/x", "bad").getMessage());
    assertEquals("s3://b/run.h5md: bad", new FormatException("s3://b/run.h5md", null, "bad").getMessage());
  }

  @Test
  void controlCharactersFromTheFileAreEscapedSoTheMessageIsOneLine() {
    FormatException e = new FormatException("mem://x/t.h5md", "h5md/crea\nt\u0000or", "cannot\r\nread\tit");
    assertEquals("mem://x/t.h5md: h5md/crea\\nt\\u0000or: cannot\\r\\nread\\tit", e.getMessage());
  }
}
