package io.trajstream.gcs;

import com.google.auth.Credentials;
import io.trajstream.store.http.RequestAuthorizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Authorises a direct read with google-auth-library's credentials: the headers they ask for
 * ({@code Authorization: Bearer …}, a quota project), their access token fetched and refreshed by
 * the credentials themselves, without a storage client. A token that cannot be had is a {@link
 * TokenFailure}.
 */
final class BearerAuthorizer implements RequestAuthorizer {
  private final Credentials credentials;

  BearerAuthorizer(Credentials credentials) {
    this.credentials = credentials;
  }

  @Override
  public void authorize(String method, URI uri, Map<String, String> headers) {
    Map<String, List<String>> metadata;
    try {
      metadata = credentials.getRequestMetadata(uri);
    } catch (IOException e) {
      throw new TokenFailure(e);
    }
    if (metadata != null) {
      metadata.forEach((name, values) -> {
        if (values != null && !values.isEmpty()) {
          headers.put(name, values.get(0));
        }
      });
    }
  }

  /** The credentials could not produce their request headers (no token from the token endpoint). */
  static final class TokenFailure extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    TokenFailure(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
