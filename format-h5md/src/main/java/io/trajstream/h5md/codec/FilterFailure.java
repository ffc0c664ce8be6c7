package io.trajstream.h5md.codec;

/** A filter could not decode a chunk: the message says why (the caller adds file and dataset). */
public final class FilterFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public FilterFailure(String message) {
    super(message);
  }

  public FilterFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
