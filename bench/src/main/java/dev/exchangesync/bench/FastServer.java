package dev.exchangesync.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A minimal HTTP/1.1 server that answers every request carrying a bearer token with {@code 204 No Content}, like
 * Graph's sync action, and costs next to nothing itself, so that client differences show.
 */
public final class FastServer implements AutoCloseable {
  private static final byte[] NO_CONTENT = ("HTTP/1.1 204 No Content\r\n"
      + "request-id: 6f1b6f4e-0000-4000-8000-000000000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] UNAUTHORIZED = ("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n"
      + "Content-Length: 74\r\n\r\n{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Token missing\"}}")
      .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] THROTTLED = ("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\n"
      + "Content-Type: application/json\r\nContent-Length: 58\r\n\r\n"
      + "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Slow down\"}}").getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket socket;
  private final String scheme;
  private final Predicate<String> throttle;

  public FastServer() throws IOException {
    this(path -> false);
  }

  /** A server that answers {@code 429} with {@code Retry-After: 1} to the request paths {@code throttle} picks. */
  public FastServer(Predicate<String> throttle) throws IOException {
    this(throttle, null);
  }

  /** A server of https with the key and certificate of {@code tls}, as Graph serves. */
  public FastServer(SSLContext tls) throws IOException {
    this(path -> false, tls);
  }

  private FastServer(Predicate<String> throttle, @Nullable SSLContext tls) throws IOException {
    this.throttle = throttle;
    this.scheme = tls == null ? "http" : "https";
    socket = tls == null ? new ServerSocket(0, 128, InetAddress.getLoopbackAddress())
        : tls.getServerSocketFactory().createServerSocket(0, 128, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "fast-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The Graph root, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return scheme + "://127.0.0.1:" + socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connection.setTcpNoDelay(true);
        Thread worker = new Thread(() -> serve(connection), "fast-server-connection");
        worker.setDaemon(true);
        worker.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      InputStream in = new BufferedInputStream(connection.getInputStream());
      OutputStream out = connection.getOutputStream();
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        int length = 0;
        boolean authorized = false;
        for (String line : head.split("\r\n")) {
          String lower = line.toLowerCase(Locale.ROOT);
          if (lower.startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).strip());
          } else if (lower.startsWith("authorization: bearer ")) {
            authorized = true;
          }
        }
        in.readNBytes(length);
        String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
        out.write(!authorized ? UNAUTHORIZED : throttle.test(path) ? THROTTLED : NO_CONTENT);
        out.flush();
      }
    } catch (IOException e) {
      // The client went away.
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
          : b == '\r' ? 1 : 0;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** Runs the server until killed and prints its URL: for cold-start runs in other processes. */
  public static void main(String[] args) throws Exception {
    FastServer server = new FastServer();
    System.out.println(server.url());
    Thread.currentThread().join();
  }
}
