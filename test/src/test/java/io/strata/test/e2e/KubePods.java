package io.strata.test.e2e;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withTerminationGracePeriodSeconds(1L)
            .addNewContainer()
            .withName("shell")
            .withImage(settings.podImage())
            .withCommand("sh", "-c", "sleep 86400")
            .endContainer()
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
