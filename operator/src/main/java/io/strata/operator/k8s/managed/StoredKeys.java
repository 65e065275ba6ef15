package io.strata.operator.k8s.managed;

import io.strata.operator.bootstrap.ClusterLayout;
import io.strata.operator.bootstrap.Daemon;
import io.strata.operator.bootstrap.Keyring;
import java.util.Map;

/**
 * What a keys Secret holds: entries named as the files of the container layout's keyring directory
 * ("client.admin.keyring", "osd.0.keyring"), plus the fsid. {@link #toString()} names the entries,
 * never their values.
 */
record StoredKeys(Map<String, String> entries) {
  static final String FSID = "fsid";

  StoredKeys {
    entries = Map.copyOf(entries);
  }

  String fsid() {
    return require(FSID);
  }

  String adminKey() {
    return Keyring.parse(require(keyringFile(Daemon.ADMIN_ENTITY)))
        .keyOf(Daemon.ADMIN_ENTITY)
        .orElseThrow(() -> new IllegalStateException("the keys Secret has no client.admin key"));
  }

  boolean hasKeyring(Daemon daemon) {
    return entries.containsKey(keyringFile(daemon.name()));
  }

  /** The Secret entry, and file, of an entity's keyring. */
  static String keyringFile(String entityName) {
    return ClusterLayout.keyringFileName(entityName);
  }

  private String require(String entry) {
    String value = entries.get(entry);
    if (value == null) {
      throw new IllegalStateException("the keys Secret has no entry " + entry);
    }
    return value;
  }

  @Override
  public String toString() {
    return "StoredKeys" + entries.keySet();
  }
}
