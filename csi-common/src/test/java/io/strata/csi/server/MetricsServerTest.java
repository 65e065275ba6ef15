package io.strata.csi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real HTTP scrape of the plugin registry, and /healthz following readiness. */
class MetricsServerTest {
  private final AtomicReference<Optional<String>> notReady =
      new AtomicReference<>(Optional.empty());
  private final HttpClient http = HttpClient.newHttpClient();
  private PrometheusMeterRegistry registry;
  private MetricsServer server;

  @BeforeEach
  void start() throws Exception {
    registry = PluginMetrics.registry();
    new CallMetrics(registry); // registers the in-flight gauge
    Timer.builder(CallMetrics.TIMER)
        .tags("service", "Controller", "method", "CreateVolume", "code", "OK")
        .serviceLevelObjectives(Duration.ofMillis(50))
        .register(registry)
        .record(Duration.ofMillis(12));
    server =
        MetricsServer.start(MetricsServer.parseAddress("127.0.0.1:0"), registry, notReady::get);
  }

  @AfterEach
  void stop() {
    server.close();
    registry.close();
  }

  @Test
  void servesPrometheusText() throws Exception {
    System.gc(); // the in-flight gauge must survive a collection: it once read NaN after one
    HttpResponse<String> response = get("/metrics");
    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
        "Prometheus text format");
    String body = response.body();
    assertTrue(
        body.contains(
            "csi_rpc_seconds_count{code=\"OK\",method=\"CreateVolume\",service=\"Controller\"} 1"),
        body);
    assertTrue(body.contains("csi_rpc_seconds_bucket{"), "histogram buckets: " + body);
    assertTrue(body.contains("csi_rpc_in_flight 0"), body);
    assertTrue(body.contains("process_resident_memory_bytes "), body);
    assertTrue(body.contains("jvm_memory_used_bytes"), body);
  }

  @Test
  void healthzFollowsReadiness() throws Exception {
    HttpResponse<String> ready = get("/healthz");
    assertEquals(200, ready.statusCode());
    assertEquals("ok\n", ready.body());

    notReady.set(Optional.of("no Ceph monitor answers"));
    HttpResponse<String> sick = get("/healthz");
    assertEquals(503, sick.statusCode());
    assertEquals("not ready: no Ceph monitor answers\n", sick.body());
  }

  @Test
  void unknownPathIsNotFound() throws Exception {
    assertEquals(404, get("/").statusCode());
  }

  @Test
  void parsesAddresses() {
    assertEquals(
        new InetSocketAddress("127.0.0.1", 9090), MetricsServer.parseAddress("127.0.0.1:9090"));
    assertEquals(new InetSocketAddress(8080), MetricsServer.parseAddress(":8080"));
    assertEquals(new InetSocketAddress("::1", 9090), MetricsServer.parseAddress("[::1]:9090"));
    assertThrows(IllegalArgumentException.class, () -> MetricsServer.parseAddress("9090x"));
    assertThrows(IllegalArgumentException.class, () -> MetricsServer.parseAddress("host:http"));
    assertThrows(IllegalArgumentException.class, () -> MetricsServer.parseAddress("host:70000"));
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
