package io.trajstream.store;

import java.io.IOException;

/**
 * A store operation failed for good: the backend (or its SDK) already retried what it could. The
 * message always names the full location, never a credential.
 */
public class StoreException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String location;

  public StoreException(String location, String message) {
    super(location + ": " + message);
    this.location = location;
  }

  public StoreException(String location, String message, Throwable cause) {
    super(location + ": " + message, cause);
    this.location = location;
  }

  /** The URL-like location (e.g. {@code s3://bucket/key}) that failed. */
  public String location() {
    return location;
  }
}
