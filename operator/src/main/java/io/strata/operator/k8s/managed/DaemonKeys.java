package io.strata.operator.k8s.managed;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.ceph.CephException;
import io.strata.operator.bootstrap.Daemon;
import io.strata.operator.bootstrap.Keyring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keys of daemons that join a running cluster, from the monitors: {@code auth get-or-create} with
 * the caps of the daemon's type. Asking again answers the same key, so a crash between asking and
 * storing loses nothing.
 */
final class DaemonKeys {
  private final CephCommands ceph;

  DaemonKeys(CephCommands ceph) {
    this.ceph = ceph;
  }

  /** The daemon's keyring file, as it reads it: its entity and key, no caps. */
  String keyring(Daemon daemon) {
    List<String> caps = new ArrayList<>();
    new TreeMap<>(daemon.type().caps())
        .forEach((service, cap) -> {
          caps.add(service);
          caps.add(cap);
        });
    JsonNode answer =
        ceph.mon(Map.of("prefix", "auth get-or-create", "entity", daemon.entity(), "caps", caps));
    // [{"entity":"osd.0","key":"AQ...","caps":{...}}]
    String key = answer.path(0).path("key").asText("");
    if (key.isEmpty()) {
      throw new CephException("auth get-or-create " + daemon.entity(), 0, "answer has no key");
    }
    return Keyring.of(new Keyring.Entry(daemon.entity(), key, Map.of())).render();
  }
}
