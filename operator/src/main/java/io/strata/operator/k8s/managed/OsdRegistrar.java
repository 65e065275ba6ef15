package io.strata.operator.k8s.managed;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.ceph.CephException;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.bootstrap.Daemon;
import io.strata.operator.k8s.Applier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the OSDs the storage spec asks for and runs them: for each new slot, record a uuid,
 * {@code osd new} it, record the id, get its key from the monitors into the keys Secret, then apply
 * its Deployment. Each step is recorded before the next, so a crash anywhere is finished by the
 * next call. OSDs whose slot left the spec keep running: removing one loses its data, which only an
 * operator may decide ({@code ceph osd out}, then purge).
 */
final class OsdRegistrar {
  private static final Logger LOG = LoggerFactory.getLogger(OsdRegistrar.class);

  private final CephCommands ceph;
  private final OsdRecords records;
  private final ClusterKeysSecret keys;
  private final Applier applier;

  OsdRegistrar(CephCommands ceph, OsdRecords records, ClusterKeysSecret keys, Applier applier) {
    this.ceph = ceph;
    this.records = records;
    this.keys = keys;
    this.applier = applier;
  }

  void converge(
      CephCluster cluster, ClusterNames names, OsdPlan plan, DaemonDeployments deployments) {
    List<OsdRecord> osds = recordNewSlots(cluster, names, plan);
    register(cluster, names, osds);
    StoredKeys stored = keys.read(names);
    DaemonKeys daemonKeys = new DaemonKeys(ceph);
    for (OsdRecord osd : osds) {
      Daemon daemon = osd.daemon();
      if (!stored.hasKeyring(daemon)) {
        String keyring = daemonKeys.keyring(daemon);
        stored = keys.add(cluster, names, Map.of(StoredKeys.keyringFile(daemon.name()), keyring));
      }
      applier.apply(deployments.osd(osd), cluster);
    }
  }

  /** Every OSD recorded so far, with a new uuid recorded for each slot that has none. */
  private List<OsdRecord> recordNewSlots(CephCluster cluster, ClusterNames names, OsdPlan plan) {
    List<OsdRecord> osds = new ArrayList<>(records.read(names));
    int known = osds.size();
    for (OsdSlot slot : plan.slots()) {
      if (osds.stream().noneMatch(osd -> osd.isFor(slot))) {
        String uuid = UUID.randomUUID().toString();
        osds.add(
            new OsdRecord(
                slot.node(), slot.hostname(), slot.directory(), slot.blockBytes(), uuid, null));
      }
    }
    if (osds.size() > known) {
      records.write(cluster, names, osds); // the uuids, before any osd new
    }
    return osds;
  }

  /** {@code osd new} for each recorded OSD without an id, recording each id as it comes. */
  private void register(CephCluster cluster, ClusterNames names, List<OsdRecord> osds) {
    for (int i = 0; i < osds.size(); i++) {
      OsdRecord osd = osds.get(i);
      if (!osd.registered()) {
        osds.set(i, osd.withId(osdNew(osd.uuid())));
        records.write(cluster, names, osds);
        LOG.info("registered osd.{} in {} on {}", osds.get(i).id(), osd.directory(), osd.node());
      }
    }
  }

  /** The same uuid always gets the same id back. */
  private int osdNew(String uuid) {
    JsonNode answer = ceph.mon(Map.of("prefix", "osd new", "uuid", uuid));
    if (!answer.path("osdid").isInt()) {
      throw new CephException("osd new " + uuid, 0, "answer has no osd id");
    }
    return answer.path("osdid").asInt();
  }
}
