package io.trajstream.runtime;

import io.trajstream.store.http.Http1Response;
import io.trajstream.store.http.Http1Client;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Http1Client} against a raw socket server that answers exactly as each test scripts it:
 * body framings (chunked with extensions and trailers, close-delimited HTTP/1.0), connection reuse,
 * a kept-alive connection the server closed, and headers that are too long.
 */
class Http1ClientTest {
  private static final Duration T = Duration.ofSeconds(5);
  private RawServer server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private static String request(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int last4 = 0;
    for (int c; (c = in.read()) >= 0; ) {
      b.write(c);
      last4 = (last4 << 8) | c;
      if (last4 == 0x0d0a0d0a) {
        return b.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static byte[] readAll(Http1Response r) throws IOException {
    return r.body().readAllBytes();
  }

  @Test
  void chunkedBodyWithExtensionsAndTrailersIsReadWholeAndTheConnectionIsReused() throws Exception {
    server = new RawServer((in, out) -> {
      try {
        while (request(in) != null) {
          out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "5;name=value\r\nhello\r\n6\r\n-world\r\n0\r\nX-Trailer: 1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        }
      } catch (IOException ignored) {
        // the client went away
      }
    });
    Http1Client client = new Http1Client(T, null);
    for (int i = 0; i < 3; i++) {
      try (Http1Response r = client.send(server.uri("/x"), "GET", Map.of(), T)) {
        assertEquals(200, r.status());
        assertEquals("hello-world", new String(readAll(r), StandardCharsets.US_ASCII));
      }
    }
    assertEquals(1, server.connections(), "three exchanges on one kept-alive connection");
    client.close();
  }

  @Test
  void aRequestOnAKeptAliveConnectionTheServerClosedIsSentOnceMoreOnANewOne() throws Exception {
    server = new RawServer((in, out) -> {
      try {
        if (request(in) != null) { // one answer, then the server closes the connection
          out.write("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        }
      } catch (IOException ignored) {
        // the client went away
      }
    });
    Http1Client client = new Http1Client(T, null);
    for (int i = 0; i < 2; i++) {
      try (Http1Response r = client.send(server.uri("/x"), "GET", Map.of("Range", "bytes=0-2"), T)) {
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), readAll(r));
      }
      Thread.sleep(100); // the server has closed its side
    }
    assertEquals(2, server.connections());
    assertEquals(2, server.requests().size(), "the stale connection's request was answered by none, sent again once");
    assertTrue(server.requests().get(1).contains("Range: bytes=0-2"), server.requests().get(1));
    client.close();
  }

  @Test
  void aFreshConnectionClosedWithoutAnAnswerIsAnErrorNotARetry() throws Exception {
    server = new RawServer((in, out) -> {
      try {
        request(in);
      } catch (IOException ignored) {
        // closing without an answer is the point
      }
    });
    Http1Client client = new Http1Client(T, null);
    IOException e = assertThrows(IOException.class, () -> client.send(server.uri("/x"), "GET", Map.of(), T));
    assertTrue(e.getMessage().contains("without answering"), e.getMessage());
    assertEquals(1, server.connections(), "the client's own retries are the caller's to make");
  }

  @Test
  void http10BodyEndsWithTheConnection() throws Exception {
    server = new RawServer((in, out) -> {
      try {
        request(in);
        out.write("HTTP/1.0 200 OK\r\n\r\nuntil the end".getBytes(StandardCharsets.ISO_8859_1));
      } catch (IOException ignored) {
        // the client went away
      }
    });
    Http1Client client = new Http1Client(T, null);
    try (Http1Response r = client.send(server.uri("/x"), "GET", Map.of(), T)) {
      assertEquals("until the end", new String(readAll(r), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void endlessHeadersAreRefused() throws Exception {
    server = new RawServer((in, out) -> {
      try {
        request(in);
        out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
        byte[] h = "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 100_000; i++) {
          out.write(h);
        }
      } catch (IOException ignored) {
        // the client gave up, as it should
      }
    });
    Http1Client client = new Http1Client(T, null);
    ProtocolException e = assertThrows(ProtocolException.class, () -> client.send(server.uri("/x"), "GET", Map.of(), T));
    assertTrue(e.getMessage().contains("longer than"), e.getMessage());
  }

  @Test
  void aHeaderValueWithALineBreakIsNotSent() throws Exception {
    server = new RawServer((in, out) -> { });
    Http1Client client = new Http1Client(T, null);
    assertThrows(IllegalArgumentException.class,
        () -> client.send(server.uri("/x"), "GET", Map.of("Range", "bytes=0-1\r\nX-Injected: 1"), T));
  }

  /** Accepts connections and runs the script on each, recording requests. */
  private static final class RawServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    RawServer(BiConsumer<InputStream, OutputStream> script) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            Socket s = socket.accept();
            accepted.add(s);
            Thread t = new Thread(() -> {
              try (s) {
                script.accept(new Recording(s.getInputStream(), requests), s.getOutputStream());
              } catch (IOException ignored) {
                // the connection ended
              }
            });
            t.setDaemon(true);
            t.start();
          } catch (IOException e) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    int connections() {
      return accepted.size();
    }

    List<String> requests() {
      return new ArrayList<>(requests);
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  /** An input stream that records each request head it sees. */
  private static final class Recording extends InputStream {
    private final InputStream in;
    private final List<String> requests;
    private final StringBuilder current = new StringBuilder();

    Recording(InputStream in, List<String> requests) {
      this.in = in;
      this.requests = requests;
    }

    @Override
    public int read() throws IOException {
      int c = in.read();
      if (c >= 0) {
        current.append((char) c);
        if (current.length() >= 4 && current.substring(current.length() - 4).equals("\r\n\r\n")) {
          requests.add(current.toString());
          current.setLength(0);
        }
      }
      return c;
    }
  }
}
