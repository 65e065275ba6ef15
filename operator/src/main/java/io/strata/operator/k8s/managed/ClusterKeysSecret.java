package io.strata.operator.k8s.managed;

import io.strata.ceph.CephRelease;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.bootstrap.CephxKey;
import io.strata.operator.bootstrap.ClusterKeys;
import io.strata.operator.bootstrap.Daemon;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The cluster's keys Secret. Its first version is made once, before any monitor exists: a new fsid,
 * and {@link ClusterKeys} for "mon.", client.admin and the mgrs of the spec, whose keyring with
 * caps ("mon.keyring") every monitor imports at --mkfs. Keys of daemons added later (OSDs, more
 * mgrs) come from the monitors ({@code auth get-or-create}) and are added to it.
 */
final class ClusterKeysSecret {
  private final KeyringSecrets secrets;
  private final CephxKey generator;

  ClusterKeysSecret(KeyringSecrets secrets, CephxKey generator) {
    this.secrets = secrets;
    this.generator = generator;
  }

  /**
   * The Secret's keys, made on the first call for daemons of {@code release}; later calls never
   * generate again.
   */
  StoredKeys ensure(
      CephCluster cluster, ClusterNames names, List<Daemon> mgrs, CephRelease release) {
    Map<String, String> stored = secrets.read(names.namespace(), names.keysSecret());
    if (stored.containsKey(StoredKeys.FSID)) {
      return new StoredKeys(stored);
    }
    return new StoredKeys(
        secrets.add(cluster, names.keysSecret(), names.common(), generate(mgrs, release)));
  }

  /** The Secret's keys; {@link #ensure} must have made it. */
  StoredKeys read(ClusterNames names) {
    Map<String, String> stored = secrets.read(names.namespace(), names.keysSecret());
    if (!stored.containsKey(StoredKeys.FSID)) {
      throw new IllegalStateException(
          "Secret " + names.keysSecret() + " with the cluster's keys is missing: apply first");
    }
    return new StoredKeys(stored);
  }

  /** Adds keyrings of daemons that came later; an entry already there is kept. */
  StoredKeys add(CephCluster cluster, ClusterNames names, Map<String, String> keyrings) {
    return new StoredKeys(secrets.add(cluster, names.keysSecret(), names.common(), keyrings));
  }

  private Map<String, String> generate(List<Daemon> mgrs, CephRelease release) {
    ClusterKeys keys = ClusterKeys.generate(generator, mgrs, release);
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(StoredKeys.FSID, UUID.randomUUID().toString());
    entries.put(PodLayout.LAYOUT.monKeyring().getFileName().toString(), keys.monKeyring().render());
    entries.put(StoredKeys.keyringFile(Daemon.ADMIN_ENTITY), keys.adminKeyring().render());
    for (Daemon mgr : mgrs) {
      entries.put(StoredKeys.keyringFile(mgr.name()), keys.daemonKeyring(mgr).render());
    }
    return entries;
  }
}
