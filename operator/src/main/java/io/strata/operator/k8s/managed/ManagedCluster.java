package io.strata.operator.k8s.managed;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.ceph.CephConnection;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.api.v1.CephClusterSpec;
import io.strata.operator.api.v1.CephFilesystem;
import io.strata.operator.bootstrap.CephConf;
import io.strata.operator.bootstrap.CephxKey;
import io.strata.operator.bootstrap.Daemon;
import io.strata.operator.bootstrap.MonAddress;
import io.strata.operator.k8s.Applier;
import io.strata.operator.k8s.CephEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The Kubernetes runtime of the Ceph bootstrap: a CephCluster that is not external becomes the
 * objects that run Ceph in its namespace, with the bootstrap's keys, ceph.conf and commands. Every
 * method is idempotent and level-triggered: it makes what is missing, updates what differs and
 * keeps what must not change (keys, fsid, monitor places, OSD ids).
 *
 * <p>Order of use: {@link #apply} (keys, config, monitors, mgrs), then, once the monitors answer,
 * {@link #converge} (OSDs, mgr modules), and {@link #applyMds} per filesystem.
 */
public final class ManagedCluster {
  /** The newest Ceph release Strata is tested with (docs/ceph-releases.md). */
  public static final String DEFAULT_CEPH_IMAGE = "quay.io/ceph/ceph:v20.2.4";

  private static final String ADMIN_USER = "admin";

  private final KubernetesClient client;
  private final String defaultCephImage;
  private final Applier applier;
  private final ClusterConfigMap configMap;
  private final KeyringSecrets secrets;
  private final ClusterKeysSecret keys;

  public ManagedCluster(KubernetesClient client, String defaultCephImage) {
    this.client = client;
    this.defaultCephImage = defaultCephImage;
    this.applier = new Applier(client);
    this.configMap = new ClusterConfigMap(client, applier);
    this.secrets = new KeyringSecrets(client);
    this.keys = new ClusterKeysSecret(secrets, new CephxKey());
  }

  /**
   * Creates or updates, all owned by the cluster: the keys Secret (fsid, mon., client.admin and mgr
   * keys, generated once and reused after), the ConfigMap (ceph.conf and the monitor placement),
   * one Deployment per monitor pinned to its node, and the mgr Deployments. Returns how to reach
   * the cluster as client.admin; the monitors may still be starting.
   *
   * @throws IllegalArgumentException for an external cluster, or a spec that cannot be run
   * @throws IllegalStateException when the monitors cannot be placed (too few usable nodes); the
   *     message says what to change
   */
  public CephEndpoint apply(CephCluster cluster) {
    CephClusterSpec spec = requireManaged(cluster);
    ClusterNames names = ClusterNames.of(cluster);
    List<NodeInfo> nodes = new Nodes(client).usable();
    List<MonSlot> mons =
        MonPlacement.place(
            configMap.mons(names), spec.mon.count, spec.mon.allowMultiplePerNode, nodes);
    StoredKeys stored = keys.ensure(cluster, names, mgrs(spec), cephImage(spec).release());
    configMap.apply(cluster, names, conf(stored.fsid(), mons, spec, nodes).render(), mons);
    DaemonDeployments deployments = deployments(names, spec);
    for (MonSlot mon : mons) {
      applier.apply(deployments.mon(mon, mons, stored.fsid()), cluster);
    }
    Set<String> wanted =
        mgrs(spec).stream()
            .map(mgr -> applier.apply(deployments.mgr(mgr), cluster).getMetadata().getName())
            .collect(Collectors.toSet());
    // a mgr keeps no state: running fewer is safe
    applier.removeDeploymentsExcept(
        names.namespace(),
        Map.of(
            ClusterNames.CLUSTER_LABEL, names.cluster(),
            ClusterNames.APP_LABEL, ClusterNames.app(Daemon.Type.MGR)),
        wanted);
    return new CephEndpoint(
        mons.stream().map(mon -> mon.address().v1()).toList(), ADMIN_USER, stored.adminKey());
  }

  /**
   * Once the monitors answer on {@code admin}: gets keys for mgrs added since creation, registers
   * and runs the file-backed OSDs of the storage spec, and turns mgr modules (the dashboard
   * included) on and off. Returns the spec fields it did not act on, as JSON paths such as
   * "spec.storage.useAllDevices".
   */
  public List<String> converge(CephCluster cluster, CephConnection admin) {
    return converge(cluster, CephCommands.of(admin));
  }

  List<String> converge(CephCluster cluster, CephCommands ceph) {
    CephClusterSpec spec = requireManaged(cluster);
    ClusterNames names = ClusterNames.of(cluster);
    List<String> notActedOn =
        new ArrayList<>(FieldsNotActedOn.of(spec, configMap.mons(names).size()));
    addMgrKeys(cluster, names, mgrs(spec), ceph);
    OsdPlan plan = OsdPlan.of(spec.storage, new Nodes(client).usable());
    notActedOn.addAll(plan.notActedOn());
    new OsdRegistrar(ceph, new OsdRecords(client, applier), keys, applier)
        .converge(cluster, names, plan, deployments(names, spec));
    notActedOn.addAll(new MgrModules(ceph).converge(spec));
    return notActedOn;
  }

  /**
   * The metadata servers of a filesystem of {@code cluster}: activeCount * (activeStandby ? 2 : 1)
   * Deployments named after the filesystem, their keys from the monitors in a Secret the filesystem
   * owns, and the filesystem's max_mds and standby-replay setting once it exists.
   */
  public void applyMds(CephFilesystem fs, CephCluster cluster, CephConnection admin) {
    applyMds(fs, cluster, CephCommands.of(admin));
  }

  void applyMds(CephFilesystem fs, CephCluster cluster, CephCommands ceph) {
    CephClusterSpec spec = requireManaged(cluster);
    ClusterNames names = ClusterNames.of(cluster);
    if (!names.namespace().equals(fs.getMetadata().getNamespace())) {
      throw new IllegalArgumentException(
          "CephFilesystem " + fs.getMetadata().getName() + " is not in its cluster's namespace");
    }
    new MetadataServers(secrets, applier).apply(fs, names, deployments(names, spec), ceph);
  }

  /** Mgrs added after creation: their keys were not imported at --mkfs, so ask the monitors. */
  private void addMgrKeys(
      CephCluster cluster, ClusterNames names, List<Daemon> mgrs, CephCommands ceph) {
    StoredKeys stored = keys.read(names);
    DaemonKeys daemonKeys = new DaemonKeys(ceph);
    for (Daemon mgr : mgrs) {
      if (!stored.hasKeyring(mgr)) {
        stored =
            keys.add(
                cluster,
                names,
                Map.of(StoredKeys.keyringFile(mgr.name()), daemonKeys.keyring(mgr)));
      }
    }
  }

  private CephConf conf(
      String fsid, List<MonSlot> mons, CephClusterSpec spec, List<NodeInfo> nodes) {
    // Copies of a pool made without a size: one per OSD host, up to Ceph's usual three.
    long hosts = OsdPlan.of(spec.storage, nodes).hosts();
    int poolSize = (int) Math.max(1, Math.min(3, hosts));
    List<MonAddress> addresses = mons.stream().map(MonSlot::address).toList();
    return new CephConf(
        fsid,
        addresses,
        PodLayout.LAYOUT,
        CephConf.Profile.containers(poolSize, 10 * CephConf.GIB));
  }

  private DaemonDeployments deployments(ClusterNames names, CephClusterSpec spec) {
    boolean hostNetwork = spec.network == null || !Boolean.FALSE.equals(spec.network.hostNetwork);
    return new DaemonDeployments(names, cephImage(spec), hostNetwork);
  }

  private CephImage cephImage(CephClusterSpec spec) {
    return CephImage.of(
        spec.cephVersion != null
                && spec.cephVersion.image != null
                && !spec.cephVersion.image.isBlank()
            ? spec.cephVersion.image
            : defaultCephImage);
  }

  private static List<Daemon> mgrs(CephClusterSpec spec) {
    if (spec.mgr.count < 1) {
      throw new IllegalArgumentException("spec.mgr.count must be at least 1, is " + spec.mgr.count);
    }
    return IntStream.range(0, spec.mgr.count)
        .mapToObj(i -> Daemon.mgr(DaemonIds.letters(i)))
        .toList();
  }

  private static CephClusterSpec requireManaged(CephCluster cluster) {
    CephClusterSpec spec = cluster.getSpec();
    if (spec == null) {
      throw new IllegalArgumentException(
          "CephCluster " + cluster.getMetadata().getName() + " has no spec");
    }
    if (spec.external != null && spec.external.enable) {
      throw new IllegalArgumentException(
          "CephCluster "
              + cluster.getMetadata().getName()
              + " is external: Strata runs no Ceph for it");
    }
    return spec;
  }
}
