package io.trajstream;

/**
 * Root of TrajStream's unchecked exceptions: malformed or unsupported content, bad usage, plugin
 * wiring problems. Store I/O failures are checked {@link java.io.IOException}s instead.
 */
public class TrajStreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrajStreamException(String message) {
    super(message);
  }

  public TrajStreamException(String message, Throwable cause) {
    super(message, cause);
  }
}
