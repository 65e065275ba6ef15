package io.strata.controller.flow;

import io.grpc.Status;
import io.strata.csi.ClusterAccess;
import io.strata.csi.ClusterSession;
import io.strata.csi.CsiException;
import io.strata.csi.id.CsiId;
import io.strata.csi.journal.Journal;
import io.strata.csi.journal.Reservation;
import java.util.Optional;

/**
 * Finds volumes and snapshots by id: the id names the cluster and location, the journal the rest.
 */
final class Catalog<P extends Placement> {
  private final VolumeBackend<P> backend;
  private final ClusterAccess clusters;

  Catalog(VolumeBackend<P> backend, ClusterAccess clusters) {
    this.backend = backend;
    this.clusters = clusters;
  }

  /** A journal entry, complete or not, and where it lives. */
  record Entry<P>(CsiId id, P placement, Reservation reservation) {
    String object() {
      return reservation.objectName();
    }

    long size() {
      return Long.parseLong(reservation.attributes().getOrDefault(Attributes.SIZE, "0"));
    }

    int depth() {
      return Integer.parseInt(reservation.attributes().getOrDefault(Attributes.DEPTH, "0"));
    }

    String attribute(String key) {
      return reservation.attribute(key);
    }
  }

  /** The entry for an id; empty for malformed ids, other clusters' pools and released entries. */
  Optional<Entry<P>> find(Journal.Kind kind, String id, Connector connector) {
    return CsiId.decode(id).flatMap(decoded -> find(kind, decoded, connector));
  }

  Optional<Entry<P>> find(Journal.Kind kind, CsiId id, Connector connector) {
    if (!serves(id.clusterId())) {
      return Optional.empty(); // an id from a cluster this plugin does not serve
    }
    ClusterSession cluster = connector.connect(id.clusterId());
    return locateIfExists(cluster, id.locationId())
        .flatMap(p -> p.journal(kind).findById(id.uuid()).map(r -> new Entry<>(id, p, r)));
  }

  /** A ready entry for an id (its object made and proven), or NOT_FOUND naming what is missing. */
  Entry<P> require(Journal.Kind kind, String id, Connector connector) {
    return find(kind, id, connector)
        .filter(e -> Attributes.isReady(e.reservation()))
        .orElseThrow(() -> notFound(kind, id));
  }

  /** Whether a clusterID is in the plugin's cluster config. */
  boolean serves(String clusterId) {
    return clusters.clusters().stream().anyMatch(c -> c.clusterId().equals(clusterId));
  }

  static CsiException notFound(Journal.Kind kind, String id) {
    return CsiException.notFound(
        (kind == Journal.Kind.VOLUME ? "volume " : "snapshot ") + id + " does not exist");
  }

  private Optional<P> locateIfExists(ClusterSession cluster, long locationId) {
    try {
      return Optional.of(backend.locate(cluster, locationId));
    } catch (CsiException e) {
      if (e.code() == Status.Code.NOT_FOUND) {
        return Optional.empty(); // the pool or filesystem is gone, and the volume with it
      }
      throw e;
    }
  }
}
