package io.strata.csi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.ControllerGrpc;
import csi.v1.DeleteVolumeRequest;
import csi.v1.IdentityGrpc;
import csi.v1.ProbeRequest;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strata.csi.identity.IdentityService;
import io.strata.csi.identity.PluginInfo;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The interceptor on a real (in-process) gRPC server: codes, counts, latency, in-flight. */
class CallMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    CallMetrics metrics = new CallMetrics(registry);
    IdentityService identity =
        new IdentityService(
            new PluginInfo("rbd.csi.strata.io", "1"),
            List.of(),
            () -> {
              sleep(20); // a Probe that takes a measurable while
              return Optional.empty();
            });
    server =
        InProcessServerBuilder.forName(name)
            .addService(ServerInterceptors.intercept(identity, metrics))
            // a Controller with nothing implemented: every call ends UNIMPLEMENTED
            .addService(
                ServerInterceptors.intercept(new ControllerGrpc.ControllerImplBase() {}, metrics))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void recordsCountAndLatencyPerMethodAndCode() {
    IdentityGrpc.IdentityBlockingStub identity = IdentityGrpc.newBlockingStub(channel);
    identity.probe(ProbeRequest.getDefaultInstance());
    identity.probe(ProbeRequest.getDefaultInstance());

    Timer probes = timer("Identity", "Probe", Status.Code.OK);
    assertEquals(2, probes.count());
    assertTrue(
        probes.totalTime(TimeUnit.MILLISECONDS) >= 40,
        "latency covers the handler: " + probes.totalTime(TimeUnit.MILLISECONDS));
    assertEquals(0, registry.get(CallMetrics.IN_FLIGHT).gauge().value());
  }

  @Test
  void recordsTheFailureCode() {
    ControllerGrpc.ControllerBlockingStub controller = ControllerGrpc.newBlockingStub(channel);
    StatusRuntimeException failure =
        assertThrows(
            StatusRuntimeException.class,
            () -> controller.deleteVolume(DeleteVolumeRequest.getDefaultInstance()));
    assertEquals(Status.Code.UNIMPLEMENTED, failure.getStatus().getCode());

    assertEquals(1, timer("Controller", "DeleteVolume", Status.Code.UNIMPLEMENTED).count());
    assertTrue(
        registry.find(CallMetrics.TIMER).tag("code", "OK").timers().isEmpty(), "no call succeeded");
  }

  private Timer timer(String service, String method, Status.Code code) {
    return registry
        .get(CallMetrics.TIMER)
        .tag("service", service)
        .tag("method", method)
        .tag("code", code.name())
        .timer();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
