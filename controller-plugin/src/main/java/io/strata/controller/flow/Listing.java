package io.strata.controller.flow;

import io.strata.csi.ClusterAccess;
import io.strata.csi.ClusterSession;
import io.strata.csi.CsiException;
import io.strata.csi.id.CsiId;
import io.strata.csi.journal.Journal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pages through journal entries across every location of every configured cluster, in (clusterID,
 * location id, request name) order. The token is the last entry returned, so entries added or
 * removed between pages neither break a listing nor repeat one.
 */
final class Listing<P extends Placement> {
  private static final int JOURNAL_PAGE = 100;

  private final VolumeBackend<P> backend;
  private final ClusterAccess clusters;
  private final Catalog<P> catalog;

  Listing(VolumeBackend<P> backend, ClusterAccess clusters, Catalog<P> catalog) {
    this.backend = backend;
    this.clusters = clusters;
    this.catalog = catalog;
  }

  /** A location a listing walks: a placement in a cluster. */
  record Location<P>(String clusterId, P placement, long locationId) {}

  /** Every location of every cluster, in listing order. */
  List<Location<P>> everywhere(Connector connector) {
    List<Location<P>> all = new ArrayList<>();
    clusters.clusters().stream()
        .map(c -> c.clusterId())
        .sorted()
        .forEach(clusterId -> {
          ClusterSession cluster = connector.connect(clusterId);
          backend.placements(cluster).stream()
              .sorted(Comparator.comparingLong(Placement::locationId))
              .forEach(p -> all.add(new Location<>(clusterId, p, p.locationId())));
        });
    return all;
  }

  /** The location an id points at, or none when it is malformed or its pool is gone. */
  List<Location<P>> at(String id, Connector connector) {
    Optional<CsiId> decoded = CsiId.decode(id);
    if (decoded.isEmpty() || !catalog.serves(decoded.get().clusterId())) {
      return List.of();
    }
    ClusterSession cluster = connector.connect(decoded.get().clusterId());
    try {
      P placement = backend.locate(cluster, decoded.get().locationId());
      return List.of(new Location<>(decoded.get().clusterId(), placement, placement.locationId()));
    } catch (CsiException e) {
      if (e.code() == io.grpc.Status.Code.NOT_FOUND) {
        return List.of();
      }
      throw e;
    }
  }

  /**
   * Up to {@code maxEntries} (0: all) complete entries after {@code token}, each turned into an
   * item by {@code view}; entries it maps to empty are skipped.
   */
  <T> Page<T> list(
      Journal.Kind kind,
      List<Location<P>> locations,
      String token,
      int maxEntries,
      Function<Catalog.Entry<P>, Optional<T>> view) {
    Optional<Cursor> start = token.isEmpty() ? Optional.empty() : Optional.of(Cursor.decode(token));
    int max = maxEntries == 0 ? Integer.MAX_VALUE : maxEntries;
    List<T> items = new ArrayList<>();
    Cursor last = null;
    for (Location<P> location : locations) {
      Cursor here = new Cursor(location.clusterId(), location.locationId(), "");
      if (start.isPresent() && here.compareLocation(start.get()) < 0) {
        continue;
      }
      String after =
          start.isPresent() && here.compareLocation(start.get()) == 0 ? start.get().name() : "";
      Journal journal = location.placement().journal(kind);
      while (true) {
        Journal.Page page = journal.list(after, JOURNAL_PAGE);
        for (Journal.Listed listed : page.entries()) {
          CsiId id = new CsiId(location.clusterId(), location.locationId(), listed.uuid());
          Optional<T> item =
              journal
                  .findById(listed.uuid())
                  .filter(Attributes::isReady)
                  .flatMap(r -> view.apply(new Catalog.Entry<>(id, location.placement(), r)));
          if (item.isEmpty()) {
            continue;
          }
          if (items.size() == max) {
            return new Page<>(items, last.encode());
          }
          items.add(item.get());
          last = new Cursor(location.clusterId(), location.locationId(), listed.name());
        }
        if (page.nextName().isEmpty()) {
          break;
        }
        after = page.nextName();
      }
    }
    return new Page<>(items, "");
  }

  /** Where a listing stopped: after this request name in this location. */
  record Cursor(String clusterId, long locationId, String name) {
    private static final String VERSION = "1";

    int compareLocation(Cursor other) {
      int byCluster = clusterId.compareTo(other.clusterId);
      return byCluster != 0 ? byCluster : Long.compare(locationId, other.locationId);
    }

    String encode() {
      String plain = VERSION + "\n" + clusterId + "\n" + locationId + "\n" + name;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String token) {
      try {
        String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        String[] parts = plain.split("\n", 4);
        if (parts.length == 4 && parts[0].equals(VERSION) && !parts[1].isEmpty()) {
          return new Cursor(parts[1], Long.parseLong(parts[2]), parts[3]);
        }
      } catch (IllegalArgumentException e) {
        // not base64 or not a number: fall through to the same answer
      }
      throw CsiException.aborted(
          "starting_token " + token + " was not issued by this plugin; list again without it");
    }
  }
}
