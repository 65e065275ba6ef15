package io.strata.operator.bootstrap;

import io.strata.ceph.CephRelease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cephx keys of a new cluster, all generated in Java: the monitors' shared "mon." key, the
 * admin's, and one per daemon. The monitor imports them all (with their caps) at --mkfs, so no key
 * has to be added through a running monitor. Secrets: {@link #toString()} shows entities only.
 */
public final class ClusterKeys {
  private final Map<String, String> keyByEntity;
  private final List<Daemon> daemons;

  private ClusterKeys(Map<String, String> keyByEntity, List<Daemon> daemons) {
    this.keyByEntity = Map.copyOf(keyByEntity);
    this.daemons = List.copyOf(daemons);
  }

  /**
   * Fresh keys for "mon.", "client.admin" and every daemon in {@code daemons}, the daemons of
   * {@code release}. Theirs and the monitors' are of the strongest cipher that release knows; the
   * admin's is aes, which the clients of every release read (the host's tools, the plugins).
   */
  public static ClusterKeys generate(
      CephxKey generator, List<Daemon> daemons, CephRelease release) {
    CephxKey.Cipher cipher = CephxKey.Cipher.forDaemons(release);
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("mon.", generator.generate(cipher));
    keys.put(Daemon.ADMIN_ENTITY, generator.generate(CephxKey.Cipher.AES));
    daemons.stream()
        .filter(d -> d.type() != Daemon.Type.MON)
        .forEach(d -> keys.put(d.entity(), generator.generate(cipher)));
    return new ClusterKeys(keys, daemons);
  }

  public String adminKey() {
    return keyByEntity.get(Daemon.ADMIN_ENTITY);
  }

  /** What ceph-mon --mkfs imports: every entity with its caps. */
  public Keyring monKeyring() {
    List<Keyring.Entry> entries = new ArrayList<>();
    entries.add(new Keyring.Entry("mon.", keyByEntity.get("mon."), Daemon.Type.MON.caps()));
    entries.add(adminEntry());
    daemons.stream()
        .filter(d -> d.type() != Daemon.Type.MON)
        .forEach(d -> entries.add(new Keyring.Entry(d.entity(), key(d), d.type().caps())));
    return new Keyring(entries);
  }

  public Keyring adminKeyring() {
    return Keyring.of(adminEntry());
  }

  /** The keyring a daemon reads at start: its own key only; the monitor holds the caps. */
  public Keyring daemonKeyring(Daemon daemon) {
    return Keyring.of(new Keyring.Entry(daemon.entity(), key(daemon), Map.of()));
  }

  private Keyring.Entry adminEntry() {
    return new Keyring.Entry(Daemon.ADMIN_ENTITY, adminKey(), Daemon.ADMIN_CAPS);
  }

  private String key(Daemon daemon) {
    String key = keyByEntity.get(daemon.entity());
    if (key == null) {
      throw new IllegalArgumentException("no key generated for " + daemon.entity());
    }
    return key;
  }

  @Override
  public String toString() {
    return "ClusterKeys" + keyByEntity.keySet();
  }
}
