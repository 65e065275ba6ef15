package io.strata.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.GetPluginCapabilitiesRequest;
import csi.v1.GetPluginInfoRequest;
import csi.v1.GetPluginInfoResponse;
import csi.v1.IdentityGrpc;
import csi.v1.PluginCapability;
import csi.v1.ProbeRequest;
import io.strata.cli.LocalStack.Plugin;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The three Identity RPCs over each plugin process's unix socket. */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
class IdentityIT {
  private final LocalStackExtension.Stack stack;

  IdentityIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
  }

  /** The plugins every suite shares; ConformanceIT drives the one-socket ones. */
  static Stream<Plugin> separatePlugins() {
    return Plugin.SEPARATE.stream();
  }

  @ParameterizedTest
  @MethodSource("separatePlugins")
  void answersAllThreeIdentityCalls(Plugin plugin) {
    IdentityGrpc.IdentityBlockingStub identity =
        IdentityGrpc.newBlockingStub(stack.channel(plugin));

    GetPluginInfoResponse info = identity.getPluginInfo(GetPluginInfoRequest.getDefaultInstance());
    assertEquals(plugin.type() + ".csi.strata.io", info.getName());
    assertFalse(info.getVendorVersion().isEmpty());
    assertFalse(info.getVendorVersion().equals("unknown"), "version comes from the build");

    List<PluginCapability> capabilities =
        identity
            .getPluginCapabilities(GetPluginCapabilitiesRequest.getDefaultInstance())
            .getCapabilitiesList();
    boolean advertisesController =
        capabilities.stream()
            .anyMatch(
                c -> c.getService().getType() == PluginCapability.Service.Type.CONTROLLER_SERVICE);
    // controllers serve the Controller RPCs; nodes never advertise it
    assertEquals(
        plugin.name().endsWith("_CONTROLLER"), advertisesController, capabilities::toString);

    assertTrue(identity.probe(ProbeRequest.getDefaultInstance()).getReady().getValue());
  }
}
