package io.trajstream.gcs;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.util.Date;

/** Test credentials that always hand out one bearer token (and "refresh" to the same one). */
final class FixedTokenCredentials extends GoogleCredentials {
  private static final long serialVersionUID = 1L;
  private final String value;

  FixedTokenCredentials(String value) {
    this.value = value;
  }

  @Override
  public AccessToken refreshAccessToken() {
    return new AccessToken(value, new Date(System.currentTimeMillis() + 3_600_000));
  }
}
