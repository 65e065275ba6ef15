package io.strata.operator.k8s.managed;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.strata.operator.bootstrap.ClusterLayout;
import io.strata.operator.bootstrap.Daemon;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles one Ceph daemon's Deployment: what every daemon pod shares (the image, ceph.conf from
 * the cluster's ConfigMap, a scratch emptyDir at the layout's root, labels, one replica replaced
 * with Recreate so two copies of a daemon never run at once) and what its kind adds (its store,
 * keyrings, init steps, probe, resources).
 */
final class DaemonPodBuilder {
  private static final ClusterLayout LAYOUT = PodLayout.LAYOUT;
  private static final String CONFIG = "ceph-config";
  private static final String KEYRINGS = "keyrings";
  private static final String SCRATCH = "scratch";
  private static final String STORE = "store";
  private static final int OWNER_READ_ONLY = 0400;

  private final ClusterNames names;
  private final String image;
  private final Daemon daemon;
  private final Map<String, String> labels;
  private final List<Step> inits = new ArrayList<>();
  private String hostname;
  private boolean hostNetwork = true;
  private Volume store;
  private Volume keyrings;
  private boolean daemonReadsKeyrings;
  private Probe liveness;
  private String cpu = "100m";
  private String memory = "256Mi";
  private boolean privileged;

  DaemonPodBuilder(ClusterNames names, String image, Daemon daemon) {
    this.names = names;
    this.image = image;
    this.daemon = daemon;
    this.labels = names.labels(daemon);
    this.store = new VolumeBuilder().withName(STORE).withNewEmptyDir().endEmptyDir().build();
  }

  /** Pins the pod to the node with this kubernetes.io/hostname label. */
  DaemonPodBuilder pinnedTo(String nodeHostname) {
    this.hostname = nodeHostname;
    return this;
  }

  DaemonPodBuilder hostNetwork(boolean enabled) {
    this.hostNetwork = enabled;
    return this;
  }

  /** The daemon's store in a host directory, made if absent; otherwise it gets an emptyDir. */
  DaemonPodBuilder hostStore(String hostDirectory) {
    this.store =
        new VolumeBuilder()
            .withName(STORE)
            .withNewHostPath()
            .withPath(hostDirectory)
            .withType("DirectoryOrCreate")
            .endHostPath()
            .build();
    return this;
  }

  /**
   * Mounts these entries of a keys Secret, read-only, as files of the keyring directory. Only the
   * init containers see them unless {@code daemonReadsThem}: a monitor reads its key from its
   * store, so its running container never sees the keyring with every key in it.
   */
  DaemonPodBuilder keyrings(String secret, List<String> entries, boolean daemonReadsThem) {
    this.keyrings =
        new VolumeBuilder()
            .withName(KEYRINGS)
            .withNewSecret()
            .withSecretName(secret)
            .withDefaultMode(OWNER_READ_ONLY)
            .withItems(entries.stream().map(e -> new KeyToPath(e, null, e)).toList())
            .endSecret()
            .build();
    this.daemonReadsKeyrings = daemonReadsThem;
    return this;
  }

  /** A one-shot step before the daemon starts, with the same mounts as the daemon. */
  DaemonPodBuilder init(String name, List<String> command) {
    inits.add(new Step(name, List.copyOf(command)));
    return this;
  }

  DaemonPodBuilder liveness(Probe probe) {
    this.liveness = probe;
    return this;
  }

  /** Requests only: a memory limit would have the kernel kill a daemon mid-write. */
  DaemonPodBuilder requests(String cpuRequest, String memoryRequest) {
    this.cpu = cpuRequest;
    this.memory = memoryRequest;
    return this;
  }

  DaemonPodBuilder privileged() {
    this.privileged = true;
    return this;
  }

  DaemonPodBuilder label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  Deployment build() {
    Container main =
        container(daemon.type().word(), PodLayout.COMMANDS.run(daemon), daemonReadsKeyrings)
            .withLivenessProbe(liveness)
            .withResources(
                new ResourceRequirementsBuilder()
                    .addToRequests("cpu", new Quantity(cpu))
                    .addToRequests("memory", new Quantity(memory))
                    .build())
            .build();
    PodSpecBuilder pod =
        new PodSpecBuilder()
            .withHostNetwork(hostNetwork)
            // with the host's network a pod still resolves cluster names only with this policy
            .withDnsPolicy(hostNetwork ? "ClusterFirstWithHostNet" : "ClusterFirst")
            .withInitContainers(
                inits.stream()
                    .map(step -> container(step.name(), step.command(), true).build())
                    .toList())
            .withContainers(main)
            .withVolumes(volumes());
    if (hostname != null) {
      pod.withNodeSelector(Map.of(NodeInfo.HOSTNAME_LABEL, hostname));
    }
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(names.deployment(daemon))
        .withLabels(new LinkedHashMap<>(labels))
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .withMatchLabels(names.selector(daemon))
        .endSelector()
        .withNewStrategy()
        .withType("Recreate")
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(new LinkedHashMap<>(labels))
        .endMetadata()
        .withSpec(pod.build())
        .endTemplate()
        .endSpec()
        .build();
  }

  private List<Volume> volumes() {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder()
            .withName(CONFIG)
            .withNewConfigMap()
            .withName(names.configMap())
            .withItems(new KeyToPath(ClusterConfigMap.CEPH_CONF, null, "ceph.conf"))
            .endConfigMap()
            .build());
    volumes.add(new VolumeBuilder().withName(SCRATCH).withNewEmptyDir().endEmptyDir().build());
    volumes.add(store);
    if (keyrings != null) {
      volumes.add(keyrings);
    }
    return volumes;
  }

  private ContainerBuilder container(String name, List<String> command, boolean withKeyrings) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount(CONFIG, LAYOUT.configDir().toString(), true));
    mounts.add(mount(SCRATCH, LAYOUT.root().toString(), false));
    mounts.add(mount(STORE, LAYOUT.dataDir(daemon).toString(), false));
    if (keyrings != null && withKeyrings) {
      mounts.add(mount(KEYRINGS, LAYOUT.keyringDir().toString(), true));
    }
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(name)
            .withImage(image)
            .withCommand(command)
            .withVolumeMounts(mounts);
    if (privileged) {
      container.withSecurityContext(new SecurityContextBuilder().withPrivileged(true).build());
    }
    return container;
  }

  private record Step(String name, List<String> command) {}

  private static VolumeMount mount(String volume, String path, boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(volume)
        .withMountPath(path)
        .withReadOnly(readOnly)
        .build();
  }
}
