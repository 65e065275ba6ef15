package io.strata.csi.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.GetPluginCapabilitiesRequest;
import csi.v1.GetPluginInfoRequest;
import csi.v1.GetPluginInfoResponse;
import csi.v1.IdentityGrpc;
import csi.v1.ProbeRequest;
import io.grpc.ManagedChannel;
import io.strata.csi.client.CsiChannels;
import io.strata.csi.server.CallLogger;
import io.strata.csi.server.Endpoint;
import io.strata.csi.server.PluginServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identity served by the real server over a real unix socket; readiness is switched by hand. */
class IdentityOverSocketTest {
  @TempDir Path dir;
  private final AtomicReference<Optional<String>> notReady =
      new AtomicReference<>(Optional.empty());
  private PluginServer server;
  private ManagedChannel channel;
  private IdentityGrpc.IdentityBlockingStub identity;

  @BeforeEach
  void start() throws Exception {
    Endpoint endpoint = Endpoint.parse("unix://" + dir.resolve("csi.sock"));
    IdentityService service =
        new IdentityService(
            new PluginInfo("rbd.csi.strata.io", "1.2.3"),
            List.of(IdentityService.controllerService()),
            notReady::get);
    server = new PluginServer(endpoint, List.of(service), List.of(new CallLogger()), 4).start();
    channel = CsiChannels.open(endpoint);
    identity = IdentityGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.stop();
  }

  @Test
  void reportsNameVersionAndCapabilities() {
    GetPluginInfoResponse info = identity.getPluginInfo(GetPluginInfoRequest.getDefaultInstance());
    assertEquals("rbd.csi.strata.io", info.getName());
    assertEquals("1.2.3", info.getVendorVersion());
    assertEquals(
        List.of(IdentityService.controllerService()),
        identity
            .getPluginCapabilities(GetPluginCapabilitiesRequest.getDefaultInstance())
            .getCapabilitiesList());
  }

  @Test
  void probeFollowsReadiness() {
    assertTrue(identity.probe(ProbeRequest.getDefaultInstance()).getReady().getValue());
    notReady.set(Optional.of("no monitor answers"));
    assertFalse(identity.probe(ProbeRequest.getDefaultInstance()).getReady().getValue());
  }

  @Test
  void socketIsGroupReadWriteOnlyAndRemovedOnStop() throws Exception {
    Path socket = dir.resolve("csi.sock");
    assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    server.stop();
    assertFalse(Files.exists(socket));
  }
}
