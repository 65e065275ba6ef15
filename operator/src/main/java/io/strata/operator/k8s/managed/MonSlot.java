package io.strata.operator.k8s.managed;

import io.strata.operator.bootstrap.Daemon;
import io.strata.operator.bootstrap.MonAddress;
import java.util.Objects;

/**
 * Where one monitor lives, fixed when it is first placed: a monitor's address is in every monmap
 * and every client's config, so it never moves.
 *
 * @param id the monitor's id, "a"
 * @param node the Node it is pinned to
 * @param hostname that node's kubernetes.io/hostname label, what its pod selects
 * @param address the node's InternalIP with this monitor's ports
 * @param batch which placement made it, from 1: a monitor's initial monmap holds the monitors of
 *     its own and earlier batches, so placing more never changes an existing monitor's pod
 */
record MonSlot(String id, String node, String hostname, MonAddress address, int batch) {
  MonSlot {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(address, "address");
    daemon(id); // validates the id
  }

  Daemon daemon() {
    return daemon(id);
  }

  private static Daemon daemon(String id) {
    return Daemon.mon(id);
  }
}
