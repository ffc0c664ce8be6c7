package io.trajstream.testkit.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on {@code 127.0.0.1} (ephemeral port) in front of a local server, for store tests and
 * benchmarks that need a slow or unreliable network below an SDK's HTTP layer.
 *
 * <ul>
 *   <li>Link shaping: a one-way delay added to every byte in each direction ({@link #setDelay}), a
 *       bandwidth cap in bytes per second shared by all connections, per direction ({@link
 *       #setBandwidth}), and a cap per connection and direction ({@link #setConnectionBandwidth}).
 *       "25 ms one way, 100 MB/s shared, 25 MB/s per TCP connection" is {@code
 *       setDelay(Duration.ofMillis(25)).setBandwidth(100_000_000).setConnectionBandwidth(25_000_000)}:
 *       one stream cannot fill the link, four can.
 *   <li>Faults on the next N <em>new</em> connections, in the order they were armed: reset the
 *       connection once the request head has arrived ({@link #resetNext}); answer with a canned HTTP
 *       status, headers and body, then close, without contacting the server ({@link #answerNext});
 *       forward the request but, after the response's headers and K body bytes, close the
 *       connection ({@link #truncateNext}: a body shorter than its Content-Length), reset it
 *       ({@link #resetMidBodyNext}), or send nothing more until the client gives up ({@link
 *       #stallNext}: a body slower than any read timeout). A fault is consumed when a connection is
 *       accepted; arm faults, then make sure the client opens new connections (a fresh client, or
 *       {@link #closeIdleConnections}).
 *   <li>HTTP-aware faults on the next N new connections, armed the same way, each rewriting the
 *       connection's first exchange (later exchanges on it pass unchanged): remove the request's
 *       {@code Range} header (or {@code x-ms-range}, Azure's name for it), so that the server answers 200 with the whole object ({@link
 *       #stripRangeNext}: a server that ignores Range); move the request's range to start at 0
 *       with the same length, so that the server's 206 carries a Content-Range other than the one
 *       asked for ({@link #shiftRangeNext}: a wrong Content-Range); send the response body one
 *       byte at a time ({@link #trickleNext}); replace the response's Content-Length with any
 *       value, huge or negative, forward the real body and close ({@link #contentLengthNext}); drop
 *       the response's Content-Length, say {@code Connection: close}, forward the real body and
 *       then filler bytes until the client closes ({@link #endlessNext}: an endless body). A
 *       response whose length the proxy cannot tell (chunked) keeps its head under the last two.
 *   <li>Counters: connections accepted, connections open, faults injected, bytes each way.
 *   <li>{@link #closeIdleConnections(Duration)} closes forwarded connections without recent traffic,
 *       so pooled clients have to reconnect.
 * </ul>
 *
 * Thread use is bounded: one acceptor thread plus four threads per open connection, with at most
 * {@code maxConnections} connections open (further clients wait in the accept backlog). {@link
 * #close()} stops everything. Only loopback targets are accepted and the proxy listens on loopback
 * only.
 */
public final class FaultProxy implements Closeable {
  private static final int CHUNK = 64 * 1024;
  private static final int QUEUE_BYTES = 4 * 1024 * 1024;
  private static final int HEAD_LIMIT = 64 * 1024;
  private static final int PACE_SLICE = 16 * 1024;

  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Semaphore slots;
  private final ExecutorService threads;
  private final Thread acceptor;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
  private final Pacer toServerPacer = new Pacer();
  private final Pacer toClientPacer = new Pacer();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger injected = new AtomicInteger();
  private final AtomicLong bytesToServer = new AtomicLong();
  private final AtomicLong bytesToClient = new AtomicLong();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile long delayNanos;
  private volatile long connectionRate;
  private volatile boolean closed;

  private FaultProxy(InetSocketAddress target, int maxConnections) throws IOException {
    if (!target.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("FaultProxy forwards to loopback only, not " + target);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be >= 1");
    }
    this.target = target;
    this.slots = new Semaphore(maxConnections);
    this.listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    AtomicInteger n = new AtomicInteger();
    // Four threads per open connection. Tasks queue (never rejected) for the moment in which a
    // closed connection's threads are still returning to the pool.
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            4 * maxConnections, 4 * maxConnections, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "fault-proxy-" + listener.getLocalPort() + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    this.threads = pool;
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy-" + listener.getLocalPort() + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a proxy in front of {@code 127.0.0.1:targetPort}, allowing 64 open connections. */
  public static FaultProxy start(int targetPort) throws IOException {
    return start(targetPort, 64);
  }

  /** Starts a proxy in front of {@code 127.0.0.1:targetPort} with at most {@code maxConnections} open. */
  public static FaultProxy start(int targetPort, int maxConnections) throws IOException {
    return new FaultProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), maxConnections);
  }

  /** The port the proxy listens on (on 127.0.0.1). */
  public int port() {
    return listener.getLocalPort();
  }

  /** {@code http://127.0.0.1:port}, for use as an endpoint. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Sets the one-way delay added in each direction (zero for none); applies to bytes read from now on. */
  public FaultProxy setDelay(Duration oneWay) {
    delayNanos = Math.max(0, oneWay.toNanos());
    return this;
  }

  /** Caps throughput per direction, shared by all connections, in bytes per second (0 for no cap). */
  public FaultProxy setBandwidth(long bytesPerSecond) {
    toServerPacer.setRate(bytesPerSecond);
    toClientPacer.setRate(bytesPerSecond);
    return this;
  }

  /**
   * Caps each connection's throughput per direction, in bytes per second (0 for no cap), on top of
   * the shared cap of {@link #setBandwidth}: a byte waits first for its connection's share, then
   * for the shared link. Applies to open connections too.
   */
  public FaultProxy setConnectionBandwidth(long bytesPerSecond) {
    connectionRate = Math.max(0, bytesPerSecond);
    for (Link l : links) {
      l.setConnectionRate(connectionRate);
    }
    return this;
  }

  /**
   * The next {@code n} new connections pass untouched, so that a fault armed after this call hits
   * a later connection (e.g. one part of an upload rather than the request that started it).
   */
  public FaultProxy passNext(int n) {
    return arm(n, new Fault(FaultKind.PASS, 0, null, null, Map.of(), 0));
  }

  /** The next {@code n} new connections are reset (RST) after their request head arrives. */
  public FaultProxy resetNext(int n) {
    return arm(n, new Fault(FaultKind.RESET, 0, null, null, Map.of(), 0));
  }

  /**
   * The next {@code n} new connections get {@code status} with {@code body} (of {@code contentType})
   * after their request arrives, then are closed; the server never sees these requests.
   */
  public FaultProxy answerNext(int n, int status, String contentType, String body) {
    return answerNext(n, status, contentType, body, Map.of());
  }

  /**
   * As {@link #answerNext(int, int, String, String)}, with extra response headers (for example
   * {@code Retry-After}); Content-Length and {@code Connection: close} are always sent.
   */
  public FaultProxy answerNext(int n, int status, String contentType, String body, Map<String, String> headers) {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status " + status);
    }
    return arm(n, new Fault(FaultKind.ANSWER, status, contentType, body, new LinkedHashMap<>(headers), 0));
  }

  /**
   * The next {@code n} new connections are forwarded, but their first response is cut after its
   * headers and {@code bodyBytes} bytes of body, then the connection is closed (FIN): the client
   * sees a body shorter than its Content-Length.
   */
  public FaultProxy truncateNext(int n, long bodyBytes) {
    return armCut(n, FaultKind.TRUNCATE, bodyBytes);
  }

  /**
   * The next {@code n} new connections are forwarded, but after their first response's headers and
   * {@code bodyBytes} bytes of body the connection is reset (RST): a connection reset mid-body.
   */
  public FaultProxy resetMidBodyNext(int n, long bodyBytes) {
    return armCut(n, FaultKind.RESET_MID_BODY, bodyBytes);
  }

  /**
   * The next {@code n} new connections are forwarded, but after their first response's headers and
   * {@code bodyBytes} bytes of body nothing more is sent until the client closes the connection
   * (or the proxy closes): a body slower than any read timeout.
   */
  public FaultProxy stallNext(int n, long bodyBytes) {
    return armCut(n, FaultKind.STALL, bodyBytes);
  }

  /**
   * The next {@code n} new connections are forwarded with the {@code Range} header removed from
   * their first request: the server answers 200 with the whole object, as a server that ignores
   * Range does. A request without Range is forwarded as it is.
   */
  public FaultProxy stripRangeNext(int n) {
    return arm(n, new Fault(FaultKind.STRIP_RANGE, 0, null, null, Map.of(), 0));
  }

  /**
   * The next {@code n} new connections are forwarded with the range of their first request moved
   * to start at byte 0, keeping its length ({@code bytes=a-b} becomes {@code bytes=0-(b-a)}, {@code
   * bytes=a-} becomes {@code bytes=0-}): the server's 206 then carries a Content-Range that starts
   * elsewhere than the client asked. A request without a single byte range is forwarded as it is.
   */
  public FaultProxy shiftRangeNext(int n) {
    return arm(n, new Fault(FaultKind.SHIFT_RANGE, 0, null, null, Map.of(), 0));
  }

  /**
   * The next {@code n} new connections are forwarded, but the body of their first response is sent
   * one byte every {@code interval} after its headers, which pass at once: a body that is never
   * idle long enough for a read timeout, yet takes for ever.
   */
  public FaultProxy trickleNext(int n, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    return arm(n, new Fault(FaultKind.TRICKLE, 0, null, null, Map.of(), interval.toNanos()));
  }

  /**
   * The next {@code n} new connections are forwarded, but their first response says {@code
   * Content-Length: contentLength} (any value: huge, negative) and {@code Connection: close}; the
   * real body follows, then the connection is closed.
   */
  public FaultProxy contentLengthNext(int n, long contentLength) {
    return arm(n, new Fault(FaultKind.CONTENT_LENGTH, 0, null, null, Map.of(), contentLength));
  }

  /**
   * The next {@code n} new connections are forwarded, but their first response loses its
   * Content-Length and says {@code Connection: close}; after the real body come filler bytes
   * ({@code 'x'}), without end, until the client closes the connection (or the proxy closes).
   */
  public FaultProxy endlessNext(int n) {
    return arm(n, new Fault(FaultKind.ENDLESS, 0, null, null, Map.of(), 0));
  }

  private FaultProxy armCut(int n, FaultKind kind, long bodyBytes) {
    if (bodyBytes < 0) {
      throw new IllegalArgumentException("bodyBytes < 0");
    }
    return arm(n, new Fault(kind, 0, null, null, Map.of(), bodyBytes));
  }

  private FaultProxy arm(int n, Fault f) {
    for (int i = 0; i < n; i++) {
      faults.add(f);
    }
    return this;
  }

  /** Drops faults armed but not yet consumed. */
  public FaultProxy clearFaults() {
    faults.clear();
    return this;
  }

  /** Faults armed and not yet consumed (passes included). */
  public int pendingFaults() {
    return faults.size();
  }

  /** Connections accepted since start. */
  public int connections() {
    return accepted.get();
  }

  /** Connections open now. */
  public int openConnections() {
    return links.size();
  }

  /** Faults injected since start. */
  public int faultsInjected() {
    return injected.get();
  }

  /**
   * HTTP requests forwarded to the server since start (request heads counted as they pass; a
   * connection that sends a chunked body stops being counted). Requests answered by an injected
   * fault without the server are not among them.
   */
  public int requests() {
    return requests.get();
  }

  /** Bytes forwarded from clients to the server. */
  public long bytesToServer() {
    return bytesToServer.get();
  }

  /** Bytes forwarded from the server to clients. */
  public long bytesToClient() {
    return bytesToClient.get();
  }

  /**
   * Closes forwarded connections that carried no byte either way for at least {@code idleFor}, so
   * that pooled clients must reconnect. Returns how many were closed.
   */
  public int closeIdleConnections(Duration idleFor) {
    long now = System.nanoTime();
    int n = 0;
    for (Link l : links) {
      if (now - l.lastActivity.get() >= idleFor.toNanos()) {
        l.closeQuietly(false);
        n++;
      }
    }
    return n;
  }

  /** Closes forwarded connections idle for 50 ms or more. */
  public int closeIdleConnections() {
    return closeIdleConnections(Duration.ofMillis(50));
  }

  /** Stops listening and closes every connection; waits briefly for the proxy's threads to end. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    acceptor.interrupt();
    for (Link l : links) {
      l.closeQuietly(false);
    }
    threads.shutdownNow();
    try {
      acceptor.join(5000);
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        slots.acquire();
      } catch (InterruptedException e) {
        return;
      }
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        slots.release();
        if (closed) {
          return;
        }
        continue;
      }
      accepted.incrementAndGet();
      Fault fault = faults.poll();
      if (fault != null && fault.kind() == FaultKind.PASS) {
        fault = null;
      }
      Link link = new Link(client, fault);
      links.add(link);
      try {
        threads.execute(link::run);
      } catch (RejectedExecutionException e) {
        link.closeQuietly(false);
        link.finish();
      }
    }
  }

  private enum FaultKind {
    PASS, RESET, ANSWER, TRUNCATE, RESET_MID_BODY, STALL,
    STRIP_RANGE, SHIFT_RANGE, TRICKLE, CONTENT_LENGTH, ENDLESS;

    /** Whether the request is forwarded (and the fault hits the exchange on its way). */
    boolean forwards() {
      return this != PASS && this != RESET && this != ANSWER;
    }

    /** Whether the fault cuts the first response body after some bytes. */
    boolean cuts() {
      return this == TRUNCATE || this == RESET_MID_BODY || this == STALL;
    }

    /** The HTTP rewrite this fault is, or null. */
    HttpRewrite.Kind rewrite() {
      return switch (this) {
        case STRIP_RANGE -> HttpRewrite.Kind.STRIP_RANGE;
        case SHIFT_RANGE -> HttpRewrite.Kind.SHIFT_RANGE;
        case TRICKLE -> HttpRewrite.Kind.TRICKLE;
        case CONTENT_LENGTH -> HttpRewrite.Kind.CONTENT_LENGTH;
        case ENDLESS -> HttpRewrite.Kind.ENDLESS;
        default -> null;
      };
    }
  }

  /**
   * An armed fault. {@code amount}: body bytes before a cut, nanoseconds between trickled bytes,
   * or the Content-Length to claim, by kind.
   */
  private record Fault(
      FaultKind kind, int status, String contentType, String body, Map<String, String> headers, long amount) {}

  /** One client connection and, when forwarded, its server connection. */
  private final class Link {
    final Socket client;
    final Fault fault;
    volatile Socket server;
    volatile Direction up;
    volatile Direction down;
    /** Opens when the client stops sending (or the link closes): a stalled response may end. */
    final CountDownLatch clientGone = new CountDownLatch(1);
    final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    private final AtomicInteger liveDirections = new AtomicInteger(2);
    private final AtomicInteger released = new AtomicInteger();

    Link(Socket client, Fault fault) {
      this.client = client;
      this.fault = fault;
    }

    void setConnectionRate(long rate) {
      Direction u = up;
      Direction d = down;
      if (u != null) {
        u.own.setRate(rate);
      }
      if (d != null) {
        d.own.setRate(rate);
      }
    }

    void run() {
      try {
        client.setTcpNoDelay(true);
        if (fault != null && !fault.kind().forwards()) {
          injectWithoutServer();
          return;
        }
        Socket s = new Socket();
        server = s;
        s.setTcpNoDelay(true);
        s.connect(target, 10_000);
        if (fault != null) {
          injected.incrementAndGet();
        }
        Direction u = new Direction(client, s, toServerPacer, bytesToServer, null, true);
        Direction d = new Direction(s, client, toClientPacer, bytesToClient, fault, false);
        HttpRewrite.Kind rewrite = fault == null ? null : fault.kind().rewrite();
        if (rewrite != null) {
          HttpRewrite.RequestRewriter request = new HttpRewrite.RequestRewriter(rewrite);
          u.requestRewriter = request;
          if (!rewrite.rewritesRequest()) {
            d.responseRewriter = new HttpRewrite.ResponseRewriter(
                rewrite, fault.amount(), () -> "HEAD".equalsIgnoreCase(request.method()));
          }
        }
        up = u;
        down = d;
        u.start();
        d.startSender();
        d.readLoop(); // this thread is the fourth of the link's four
      } catch (IOException | RejectedExecutionException e) {
        closeQuietly(true);
        finish();
      }
    }

    private void injectWithoutServer() throws IOException {
      try {
        client.setSoTimeout(30_000);
        InputStream in = client.getInputStream();
        byte[] head = readHead(in);
        injected.incrementAndGet();
        if (fault.kind() == FaultKind.RESET) {
          closeQuietly(true);
          return;
        }
        drainBody(in, head);
        byte[] body = fault.body() == null ? new byte[0] : fault.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        sb.append("HTTP/1.1 ").append(fault.status()).append(' ').append(reason(fault.status())).append("\r\n");
        if (fault.contentType() != null) {
          sb.append("Content-Type: ").append(fault.contentType()).append("\r\n");
        }
        fault.headers().forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append("Content-Length: ").append(body.length).append("\r\n");
        sb.append("Connection: close\r\n\r\n");
        OutputStream out = client.getOutputStream();
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        client.shutdownOutput();
        closeQuietly(false);
      } finally {
        closeQuietly(false);
        finish();
      }
    }

    /** Reads up to the blank line that ends an HTTP request head (or EOF / limit). */
    private byte[] readHead(InputStream in) throws IOException {
      byte[] buf = new byte[HEAD_LIMIT];
      int n = 0;
      while (n < buf.length) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        buf[n++] = (byte) b;
        if (n >= 4 && buf[n - 4] == '\r' && buf[n - 3] == '\n' && buf[n - 2] == '\r' && buf[n - 1] == '\n') {
          break;
        }
      }
      lastActivity.set(System.nanoTime());
      return java.util.Arrays.copyOf(buf, n);
    }

    /** Reads a Content-Length request body unless the client waits for 100-continue. */
    private void drainBody(InputStream in, byte[] head) {
      String h = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
      if (h.contains("\r\nexpect:")) {
        return;
      }
      long remaining = 0;
      for (String line : h.split("\r\n")) {
        if (line.startsWith("content-length:")) {
          try {
            remaining = Long.parseLong(line.substring("content-length:".length()).trim());
          } catch (NumberFormatException ignored) {
            remaining = 0;
          }
        }
      }
      byte[] sink = new byte[CHUNK];
      try {
        while (remaining > 0) {
          int r = in.read(sink, 0, (int) Math.min(sink.length, remaining));
          if (r < 0) {
            return;
          }
          remaining -= r;
        }
      } catch (IOException ignored) {
        // the answer is sent anyway
      }
    }

    void directionDone() {
      if (liveDirections.decrementAndGet() == 0) {
        closeQuietly(false);
        finish();
      }
    }

    void finish() {
      if (released.getAndIncrement() == 0) {
        links.remove(this);
        slots.release();
      }
    }

    /** Closes both sockets; {@code reset} sends an RST to the client instead of a FIN. */
    void closeQuietly(boolean reset) {
      clientGone.countDown();
      try {
        if (reset) {
          client.setSoLinger(true, 0);
        }
      } catch (SocketException ignored) {
        // already closed
      }
      try {
        client.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      Socket s = server;
      if (s != null) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }

    /** One direction of a forwarded connection: a reader and a sender joined by a byte-bounded queue. */
    private final class Direction {
      private final Socket from;
      private final Socket to;
      private final Pacer pacer;
      /** This connection's own cap in this direction. */
      final Pacer own = new Pacer();
      private final AtomicLong counter;
      private final Fault cut;
      private final boolean fromClient;
      private final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
      private final Semaphore room = new Semaphore(QUEUE_BYTES);
      private final AtomicInteger ended = new AtomicInteger(2);
      /** Rewrites the first request head passing this way (client to server), or null. */
      volatile HttpRewrite.RequestRewriter requestRewriter;
      /** Reshapes the first response passing this way (server to client), or null. */
      volatile HttpRewrite.ResponseRewriter responseRewriter;
      /** Counts the requests passing this way (client to server only). */
      private final RequestHeads heads;

      /** {@code cut}: the fault that shapes this direction's first response, or null. */
      Direction(Socket from, Socket to, Pacer pacer, AtomicLong counter, Fault cut, boolean fromClient) {
        this.from = from;
        this.to = to;
        this.pacer = pacer;
        this.counter = counter;
        this.cut = cut;
        this.fromClient = fromClient;
        this.heads = fromClient ? new RequestHeads(requests::incrementAndGet) : null;
        own.setRate(connectionRate);
      }

      void start() {
        threads.execute(this::readLoop);
        threads.execute(this::sendLoop);
      }

      void startSender() {
        threads.execute(this::sendLoop);
      }

      void readLoop() {
        ResponseCutter cutter = cut != null && cut.kind().cuts() ? new ResponseCutter(cut.amount()) : null;
        try {
          InputStream in = from.getInputStream();
          while (true) {
            byte[] buf = new byte[CHUNK];
            int n = in.read(buf);
            if (n < 0) {
              queue.put(Chunk.EOF);
              return;
            }
            long now = System.nanoTime();
            lastActivity.set(now);
            if (heads != null) {
              heads.accept(buf, n);
            }
            room.acquire(n);
            if (requestRewriter != null || responseRewriter != null) {
              if (rewrite(buf, n, now)) {
                return;
              }
              continue;
            }
            if (cutter != null) {
              int keep = cutter.accept(buf, n);
              if (keep >= 0) {
                queue.put(new Chunk(buf, keep, now, n));
                queue.put(cut.kind() == FaultKind.STALL ? Chunk.STALL
                    : cut.kind() == FaultKind.RESET_MID_BODY ? Chunk.ABORT : Chunk.CUT);
                return;
              }
            }
            queue.put(new Chunk(buf, n, now, n));
          }
        } catch (IOException e) {
          queue.offer(Chunk.ABORT);
        } catch (InterruptedException e) {
          queue.offer(Chunk.ABORT);
        } finally {
          end();
        }
      }

      /**
       * Passes {@code buf[0, n)} through this direction's rewriter into the queue; the first chunk
       * queued carries the read's {@code n} permits (an empty one when nothing is queued yet).
       * Returns true when this direction reads no more.
       */
      private boolean rewrite(byte[] buf, int n, long now) throws InterruptedException {
        int[] permits = {n};
        HttpRewrite.Out out = new HttpRewrite.Out() {
          @Override
          public void send(byte[] b, int off, int len) throws InterruptedException {
            put(b, off, len, false);
          }

          @Override
          public void trickle(byte[] b, int off, int len) throws InterruptedException {
            put(b, off, len, true);
          }

          private void put(byte[] b, int off, int len, boolean slow) throws InterruptedException {
            queue.put(new Chunk(java.util.Arrays.copyOfRange(b, off, off + len), len, now, permits[0], slow));
            permits[0] = 0;
          }

          @Override
          public void close() throws InterruptedException {
            queue.put(Chunk.CUT);
          }

          @Override
          public void endless() throws InterruptedException {
            queue.put(Chunk.ENDLESS);
          }
        };
        boolean stop;
        if (requestRewriter != null) {
          requestRewriter.accept(buf, n, out);
          stop = false;
        } else {
          stop = responseRewriter.accept(buf, n, out);
        }
        if (permits[0] > 0) {
          room.release(permits[0]);
        }
        return stop;
      }

      private void sendLoop() {
        try {
          OutputStream out = to.getOutputStream();
          while (true) {
            Chunk c = queue.take();
            if (c == Chunk.EOF) {
              try {
                to.shutdownOutput();
              } catch (IOException ignored) {
                // peer gone
              }
              return;
            }
            if (c == Chunk.ABORT) {
              closeQuietly(true);
              return;
            }
            if (c == Chunk.CUT) {
              out.flush();
              closeQuietly(false);
              return;
            }
            if (c == Chunk.STALL) {
              out.flush();
              clientGone.await();
              closeQuietly(false);
              return;
            }
            if (c == Chunk.ENDLESS) {
              out.flush();
              sendFillerForever(out);
              return;
            }
            sleepUntil(c.arrival() + delayNanos);
            int off = 0;
            while (off < c.length()) {
              int n = c.slow() ? 1 : Math.min(PACE_SLICE, c.length() - off);
              sleepUntil(own.reserve(n));
              sleepUntil(pacer.reserve(n));
              out.write(c.data(), off, n);
              off += n;
              if (c.slow()) {
                out.flush();
                counter.addAndGet(1);
                lastActivity.set(System.nanoTime());
                TimeUnit.NANOSECONDS.sleep(cut.amount());
              }
            }
            out.flush();
            counter.addAndGet(c.slow() ? 0 : c.length());
            lastActivity.set(System.nanoTime());
            room.release(c.permits());
          }
        } catch (IOException e) {
          closeQuietly(true);
        } catch (InterruptedException e) {
          closeQuietly(false);
        } finally {
          room.release(QUEUE_BYTES); // a reader waiting for room must see the closed socket, not hang
          end();
        }
      }

      /** Writes filler bytes until writing fails (the client went) or the thread is interrupted. */
      private void sendFillerForever(OutputStream out) throws IOException, InterruptedException {
        byte[] filler = new byte[PACE_SLICE];
        java.util.Arrays.fill(filler, (byte) 'x');
        while (!closed) {
          sleepUntil(own.reserve(filler.length));
          sleepUntil(pacer.reserve(filler.length));
          out.write(filler);
          counter.addAndGet(filler.length);
          lastActivity.set(System.nanoTime());
        }
      }

      private void end() {
        if (ended.decrementAndGet() == 0) {
          if (fromClient) {
            clientGone.countDown();
          }
          directionDone();
        }
      }
    }
  }

  private static void sleepUntil(long deadlineNanos) throws InterruptedException {
    while (true) {
      long wait = deadlineNanos - System.nanoTime();
      if (wait <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private static String reason(int status) {
    switch (status) {
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 408: return "Request Timeout";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 504: return "Gateway Timeout";
      default: return "Status";
    }
  }

  /**
   * {@code length} bytes read at {@code arrival}, holding {@code permits} bytes of the queue budget;
   * {@code slow}: sent one byte at a time (a trickle). The constants are markers, told apart by
   * identity.
   */
  private record Chunk(byte[] data, int length, long arrival, int permits, boolean slow) {
    static final Chunk EOF = marker();
    static final Chunk ABORT = marker();
    static final Chunk CUT = marker();
    static final Chunk STALL = marker();
    static final Chunk ENDLESS = marker();

    Chunk(byte[] data, int length, long arrival, int permits) {
      this(data, length, arrival, permits, false);
    }

    private static Chunk marker() {
      return new Chunk(new byte[0], 0, 0, 0, false);
    }
  }

  /**
   * Shared bandwidth: hands out consecutive transmission slots at a fixed byte rate. A sender that
   * wakes up late (timer and scheduling delays on a busy machine) keeps its place in the schedule
   * for up to {@link #CATCH_UP_NANOS} and catches up, so the link still carries the full rate on
   * average; after an idle period at most that long a burst goes out at once.
   */
  private static final class Pacer {
    private static final long CATCH_UP_NANOS = 5_000_000L;
    private long rate;
    private long nextFree;

    synchronized void setRate(long bytesPerSecond) {
      rate = Math.max(0, bytesPerSecond);
      nextFree = System.nanoTime();
    }

    /** Returns the time at which {@code n} bytes have been "sent" on the shared link. */
    synchronized long reserve(int n) {
      if (rate <= 0) {
        return 0;
      }
      long now = System.nanoTime();
      long start = Math.max(now - CATCH_UP_NANOS, nextFree);
      nextFree = start + (long) (n * 1e9 / rate);
      return nextFree;
    }
  }

  /**
   * Follows a response stream: skips interim (1xx) heads and the final head, then counts body bytes
   * up to the cut point.
   */
  private static final class ResponseCutter {
    private final long bodyLimit;
    private int headLength;
    private int last4;
    private boolean interim;
    private boolean inBody;
    private long body;

    ResponseCutter(long bodyLimit) {
      this.bodyLimit = bodyLimit;
    }

    /** Returns how many bytes of {@code buf[0, n)} to keep when the cut falls inside it, else -1. */
    int accept(byte[] buf, int n) {
      for (int i = 0; i < n; i++) {
        if (!inBody) {
          byte b = buf[i];
          if (headLength == 9) {
            interim = b == '1'; // "HTTP/1.1 1xx": an interim response such as 100 Continue
          }
          headLength++;
          last4 = (last4 << 8) | (b & 0xff);
          if (last4 == 0x0d0a0d0a) {
            headLength = 0;
            last4 = 0;
            if (!interim) {
              inBody = true;
              if (bodyLimit == 0) {
                return i + 1;
              }
            }
          }
        } else {
          body++;
          if (body >= bodyLimit) {
            return i + 1;
          }
        }
      }
      return -1;
    }
  }
}
