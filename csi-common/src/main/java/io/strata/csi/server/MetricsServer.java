package io.strata.csi.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strata.csi.DaemonThreads;
import io.strata.csi.identity.Readiness;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain HTTP beside the CSI socket, on the JDK's own server: {@code /metrics} in the Prometheus
 * text format and {@code /healthz}, which answers 200 when Probe would say ready and 503 with the
 * reason otherwise. One daemon thread serves both: scrapes and health checks are rare and small.
 */
public final class MetricsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds {@code address} (port 0 picks a free one) and starts serving. */
  public static MetricsServer start(
      InetSocketAddress address, PrometheusMeterRegistry registry, Readiness readiness)
      throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    server.createContext(
        "/metrics", exchange -> reply(exchange, 200, PROMETHEUS_TEXT, registry.scrape()));
    server.createContext("/healthz", exchange -> health(exchange, readiness.notReadyReason()));
    ExecutorService executor =
        Executors.newSingleThreadExecutor(DaemonThreads.named("metrics-http"));
    server.setExecutor(executor);
    server.start();
    MetricsServer started = new MetricsServer(server, executor);
    LOG.info("metrics on http://{}/metrics, health on /healthz", started.hostAndPort());
    return started;
  }

  /** The bound address, with the real port when 0 was asked for. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private String hostAndPort() {
    InetSocketAddress bound = address();
    return bound.getAddress().getHostAddress() + ":" + bound.getPort();
  }

  /**
   * Parses {@code host:port}, {@code :port} (every interface) or {@code [ipv6]:port}.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static InetSocketAddress parseAddress(String value) {
    int colon = value == null ? -1 : value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "metrics address '" + value + "' needs host:port, :port or [ipv6]:port");
    }
    String host = value.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("metrics address '" + value + "': port is no number");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("metrics address '" + value + "': port out of range");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  private static void health(HttpExchange exchange, Optional<String> notReady) throws IOException {
    String text = notReady.map(why -> "not ready: " + why + "\n").orElse("ok\n");
    reply(exchange, notReady.isEmpty() ? 200 : 503, "text/plain; charset=utf-8", text);
  }

  private static void reply(HttpExchange exchange, int code, String contentType, String body)
      throws IOException {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  /** Stops at once: nothing a scrape is doing needs finishing. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
