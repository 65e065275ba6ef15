package io.strata.operator.k8s.managed;

import io.strata.operator.bootstrap.Daemon;
import java.util.Objects;

/**
 * One file-backed OSD as registered with the monitors. Written before {@code osd new} with its uuid
 * and no id, then again with the id the monitors gave: {@code osd new} answers the same id for the
 * same uuid, so a crash between the two never registers a second OSD.
 *
 * @param node the Node it runs on
 * @param hostname that node's kubernetes.io/hostname label
 * @param directory the storage directory on the node (its store is a subdirectory)
 * @param blockBytes size of its sparse block file
 * @param uuid the OSD's uuid, chosen here
 * @param id the OSD id, null until {@code osd new} answered
 */
record OsdRecord(
    String node, String hostname, String directory, long blockBytes, String uuid, Integer id) {
  OsdRecord {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(uuid, "uuid");
  }

  boolean registered() {
    return id != null;
  }

  boolean isFor(OsdSlot slot) {
    return node.equals(slot.node()) && directory.equals(slot.directory());
  }

  OsdRecord withId(int osdId) {
    return new OsdRecord(node, hostname, directory, blockBytes, uuid, osdId);
  }

  Daemon daemon() {
    if (id == null) {
      throw new IllegalStateException("OSD " + uuid + " has no id yet");
    }
    return Daemon.osd(id);
  }
}
