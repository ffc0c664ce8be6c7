package io.trajstream.testkit.net;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything a test run prints, for checking that no secret shows up: {@code System.out} and
 * {@code System.err} (still passed through), every {@code java.util.logging} record (with the
 * loggers of TrajStream and of the cloud SDKs turned up to {@code FINE} meanwhile, SLF4J bridges
 * included when they log to the console), and the texts {@link #note noted} by the test itself,
 * such as the full stack trace of an exception it caught. Close to restore the streams and levels.
 */
public final class CapturedOutput implements AutoCloseable {
  private static final String[] VERBOSE_LOGGERS = {"io.trajstream", "com.google", "com.azure", "software.amazon"};

  private final PrintStream originalOut = System.out;
  private final PrintStream originalErr = System.err;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final StringBuilder notes = new StringBuilder();
  private final Handler handler;
  private final List<Logger> raised = new ArrayList<>();
  private final List<Level> previous = new ArrayList<>();

  private CapturedOutput() {
    System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
    handler = new Handler() {
      private final SimpleFormatter format = new SimpleFormatter();

      @Override
      public void publish(LogRecord r) {
        String line = format.format(r);
        synchronized (bytes) {
          bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    handler.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(handler);
    for (String name : VERBOSE_LOGGERS) {
      Logger l = Logger.getLogger(name);
      raised.add(l);
      previous.add(l.getLevel());
      l.setLevel(Level.FINE);
    }
  }

  /** Starts capturing. */
  public static CapturedOutput start() {
    return new CapturedOutput();
  }

  /** Adds {@code t}'s full stack trace (every message in its causes) to what was captured. */
  public void note(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    note(w.toString());
  }

  /** Adds a text (e.g. a {@code toString()}) to what was captured. */
  public synchronized void note(String text) {
    notes.append(text).append('\n');
  }

  /** Everything captured so far. */
  public synchronized String text() {
    System.out.flush();
    System.err.flush();
    synchronized (bytes) {
      return bytes.toString(StandardCharsets.UTF_8) + notes;
    }
  }

  /** The first of {@code secrets} (non-empty values) that occurs in the captured text, or null. */
  public String firstLeak(List<String> secrets) {
    String all = text();
    for (String s : secrets) {
      if (s != null && !s.isEmpty() && all.contains(s)) {
        return s;
      }
    }
    return null;
  }

  @Override
  public void close() {
    System.setOut(originalOut);
    System.setErr(originalErr);
    Logger.getLogger("").removeHandler(handler);
    for (int i = 0; i < raised.size(); i++) {
      raised.get(i).setLevel(previous.get(i));
    }
  }

  /** Writes to the original stream and to the capture. */
  private final class Tee extends OutputStream {
    private final PrintStream original;

    Tee(PrintStream original) {
      this.original = original;
    }

    @Override
    public void write(int b) {
      original.write(b);
      synchronized (bytes) {
        bytes.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      original.write(b, off, len);
      synchronized (bytes) {
        bytes.write(b, off, len);
      }
    }

    @Override
    public void flush() {
      original.flush();
    }
  }
}
