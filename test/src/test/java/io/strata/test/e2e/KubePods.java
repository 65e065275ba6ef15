package io.strata.test.e2e;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Pods of the test namespace that use a claim, and commands run in them. */
final class KubePods {
  static final String MOUNT = "/data";
  static final String DEVICE = "/dev/xvda";

  private final KubernetesClient client;
  private final E2eSettings settings;
  private final String namespace;

  KubePods(KubernetesClient client, E2eSettings settings, String namespace) {
    this.client = client;
    this.settings = settings;
    this.namespace = namespace;
  }

  /** A pod that sleeps with the claim at /data (or as /dev/xvda for a block claim), ready. */
  void start(String name, String claim, boolean block) {
    PodBuilder pod =
        shellPod(name, "sleep 86400")
            .editSpec()
            .addNewVolume()
            .withName("data")
            .withNewPersistentVolumeClaim()
            .withClaimName(claim)
            .endPersistentVolumeClaim()
            .endVolume()
            .endSpec();
    if (block) {
      pod.editSpec()
          .editFirstContainer()
          .addNewVolumeDevice()
          .withName("data")
          .withDevicePath(DEVICE)
          .endVolumeDevice()
          .endContainer()
          .endSpec();
    } else {
      pod.editSpec()
          .editFirstContainer()
          .addNewVolumeMount()
          .withName("data")
          .withMountPath(MOUNT)
          .endVolumeMount()
          .endContainer()
          .endSpec();
    }
    client.pods().inNamespace(namespace).resource(pod.build()).create();
    client.pods().inNamespace(namespace).withName(name).waitUntilReady(seconds(), TimeUnit.SECONDS);
  }

  /**
   * A pod that writes without pause through each claim (mounted at its key) and prints one line per
   * 1 MiB forced to a volume: "ok /path", or "ERR /path" when the write failed.
   */
  void startWriter(String name, Map<String, String> claimsByMountPath) {
    String dirs = String.join(" ", claimsByMountPath.keySet());
    String script =
        "while true; do for d in "
            + dirs
            + "; do if dd if=/dev/zero of=$d/writer.dat bs=65536 count=16 conv=fsync"
            + " 2>/dev/null; then echo \"ok $d\"; else echo \"ERR $d\"; fi; done; sleep 0.1;"
            + " done";
    PodBuilder pod = shellPod(name, script);
    int i = 0;
    for (var entry : claimsByMountPath.entrySet()) {
      String volume = "data" + i++;
      pod.editSpec()
          .addNewVolume()
          .withName(volume)
          .withNewPersistentVolumeClaim()
          .withClaimName(entry.getValue())
          .endPersistentVolumeClaim()
          .endVolume()
          .editFirstContainer()
          .addNewVolumeMount()
          .withName(volume)
          .withMountPath(entry.getKey())
          .endVolumeMount()
          .endContainer()
          .endSpec();
    }
    client.pods().inNamespace(namespace).resource(pod.build()).create();
    client.pods().inNamespace(namespace).withName(name).waitUntilReady(seconds(), TimeUnit.SECONDS);
  }

  /** A pod of the test image whose one container, "shell", runs {@code sh -c script}. */
  private PodBuilder shellPod(String name, String script) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(1L)
        .addNewContainer()
        .withName("shell")
        .withImage(settings.podImage())
        .withCommand("sh", "-c", script)
        .endContainer()
        .endSpec();
  }

  /** The pod's log lines so far. */
  List<String> logLines(String name) {
    return client.pods().inNamespace(namespace).withName(name).getLog().lines().toList();
  }

  void delete(String name) {
    client.pods().inNamespace(namespace).withName(name).delete();
    client
        .pods()
        .inNamespace(namespace)
        .withName(name)
        .waitUntilCondition(Objects::isNull, seconds(), TimeUnit.SECONDS);
  }

  /** Runs {@code sh -c script} in the pod; fails unless it exits 0; returns its stdout. */
  String shell(String pod, String script) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Integer code;
    try (ExecWatch exec =
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod)
            .writingOutput(out)
            .writingError(err)
            .exec("sh", "-c", script)) {
      code = exec.exitCode().get(seconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("in " + pod + ": `" + script + "` failed", e);
    }
    if (code == null || code != 0) {
      throw new AssertionError(
          "in "
              + pod
              + ": `"
              + script
              + "` exited "
              + code
              + ": "
              + err.toString(StandardCharsets.UTF_8));
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private long seconds() {
    return settings.timeout().toSeconds();
  }
}
