package io.trajstream.store.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One connection of {@link Http1Client}: the socket, its buffered streams, and whether the current
 * response has begun to arrive (a request on a kept-alive connection is repeated only when no byte
 * of its answer came).
 */
final class Http1Connection {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private volatile boolean answerStarted;

  Http1Connection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 4096);
  }

  Socket socket() {
    return socket;
  }

  InputStream in() {
    return in;
  }

  OutputStream out() {
    return out;
  }

  boolean answerStarted() {
    return answerStarted;
  }

  void answerStarted(boolean started) {
    answerStarted = started;
  }

  /** Closes the socket; a read blocked on it in another thread fails at once. */
  void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is all that is wanted
    }
  }
}
