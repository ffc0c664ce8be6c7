package io.trajstream.store.http;

import java.io.IOException;

/**
 * A store's meaning of a non-success answer: the exception to throw for it. A {@link
 * TransientHttpException} (with the server's {@code Retry-After}, if any) is tried again; any
 * other exception ends the read as it is ({@code FileNotFoundException} for a missing object, an
 * access-denied {@code StoreException}, a store's own signal such as "ask the SDK").
 */
@FunctionalInterface
public interface AnswerMapper {
  /** The exception for {@code answer} to a request about {@code location}; never null. */
  IOException failure(String location, ErrorAnswer answer) throws IOException;
}
