package io.strata.test.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The Linux capabilities a node plugin's container really has (its CapEff), read in the pod. */
final class NodePluginCapabilities {
  /** resize2fs grows a mounted ext4 through an ioctl that needs it. */
  static final int CAP_SYS_RESOURCE = 24;

  private NodePluginCapabilities() {}

  static boolean has(KubernetesClient client, String daemonSet, int capability) {
    Pod pod =
        client
            .pods()
            .inNamespace("strata")
            .withLabel("app.kubernetes.io/name", daemonSet)
            .list()
            .getItems()
            .stream()
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + daemonSet + " pod"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ExecWatch exec =
        client
            .pods()
            .inNamespace("strata")
            .withName(pod.getMetadata().getName())
            .inContainer("plugin")
            .writingOutput(out)
            .exec("cat", "/proc/self/status")) {
      exec.exitCode().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("cannot read the capabilities of " + daemonSet, e);
    }
    String capEff =
        out.toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith("CapEff:"))
            .findFirst()
            .orElseThrow()
            .substring("CapEff:".length())
            .strip();
    return new BigInteger(capEff, 16).testBit(capability);
  }
}
