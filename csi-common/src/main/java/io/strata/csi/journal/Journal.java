package io.strata.csi.journal;

import io.strata.ceph.Omap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Maps CO request names to Ceph objects, in Ceph itself, so that every create and delete is
 * idempotent across plugin restarts. One engine serves volumes and snapshots ({@link Kind}).
 *
 * <p>Two kinds of omap objects live in the pool (and rados namespace) of the volumes:
 *
 * <pre>
 *   csi.volumes.strata            directory: "csi.volume.&lt;request name&gt;" -&gt; uuid
 *   csi.volume.&lt;uuid&gt;            entry: "csi.name" -&gt; request name,
 *                                        "csi.object" -&gt; image or subvolume name,
 *                                        plus the caller's attributes (size, source, ...)
 * </pre>
 *
 * <p>Reserve writes the directory key first, then the entry; the Ceph object is created after the
 * key (after the entry too, or while it is written: {@link #reserveWhileCreating}). A crash at any
 * point leaves either nothing or a directory key that the retried request (same name) finds and
 * completes; nothing is ever written that no request name can reach. Release runs in the reverse
 * order of what it can still find: entry read, directory key removed, entry removed, so a retried
 * delete (it has the uuid) always finishes the job.
 *
 * <p>The journal does not lock: callers hold the request-name lock for the whole operation.
 */
public final class Journal {
  static final String NAME_KEY = "csi.name";
  static final String OBJECT_KEY = "csi.object";

  /** What a journal records: volumes or snapshots, each with its own objects and keys. */
  public enum Kind {
    VOLUME("csi.volumes.strata", "csi.volume."),
    SNAPSHOT("csi.snaps.strata", "csi.snap.");

    final String directory;
    final String prefix;

    Kind(String directory, String prefix) {
      this.directory = directory;
      this.prefix = prefix;
    }
  }

  private final Omap omap;
  private final Kind kind;

  public Journal(Omap omap, Kind kind) {
    this.omap = omap;
    this.kind = kind;
  }

  /** The reservation a request name already has, complete or not. */
  public Optional<Reservation> findByName(String requestName) {
    String key = kind.prefix + requestName;
    String uuid = omap.get(kind.directory, List.of(key)).get(key);
    if (uuid == null) {
      return Optional.empty();
    }
    UUID id = UUID.fromString(uuid);
    return Optional.of(
        findById(id).orElseGet(() -> new Reservation(id, requestName, null, Map.of())));
  }

  /** The entry for a uuid, or empty when it was never written or is already released. */
  public Optional<Reservation> findById(UUID uuid) {
    Map<String, String> entry = omap.list(entryObject(uuid), "", "", Integer.MAX_VALUE);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> attributes = new HashMap<>(entry);
    String name = attributes.remove(NAME_KEY);
    String object = attributes.remove(OBJECT_KEY);
    return Optional.of(new Reservation(uuid, name, object, attributes));
  }

  /**
   * Reserves a new uuid for a request name, or finds the one an earlier request reserved (and
   * completes a reservation whose entry a crash left unwritten); {@code objectNamePrefix} + uuid
   * names the Ceph object. The entry is written on {@code writer} (a direct executor for "before
   * returning") while the caller makes the Ceph object: once the directory key exists, a crash
   * leaves nothing a retry cannot find and finish (the object is named after the claimed uuid), so
   * the two need not wait for each other. The caller must {@link Pending#awaitEntry} before it
   * answers or undoes anything.
   */
  public Pending reserveWhileCreating(
      String requestName,
      String objectNamePrefix,
      Map<String, String> attributes,
      Executor writer) {
    Claim claim = claim(requestName, objectNamePrefix, attributes);
    CompletableFuture<Void> entry =
        claim.recorded()
            ? CompletableFuture.completedFuture(null)
            : CompletableFuture.runAsync(() -> record(claim.reservation()), writer);
    return new Pending(claim.reservation(), entry, claim.resumed());
  }

  /** The name's reservation, and whether its entry is already written. */
  private Claim claim(String requestName, String objectNamePrefix, Map<String, String> attributes) {
    UUID uuid = UUID.randomUUID();
    // a new name, the common case, is claimed with one conditional write instead of read + write
    boolean resumed = !omap.setIfAbsent(kind.directory, kind.prefix + requestName, uuid.toString());
    if (resumed) {
      Optional<Reservation> existing = findByName(requestName);
      if (existing.isPresent() && existing.get().isComplete()) {
        return new Claim(existing.get(), true, true);
      }
      uuid = existing.map(Reservation::uuid).orElse(uuid);
      // the entry a crash left unwritten; or the key a concurrent release just removed
      omap.set(kind.directory, Map.of(kind.prefix + requestName, uuid.toString()));
    }
    return new Claim(
        new Reservation(uuid, requestName, objectNamePrefix + uuid, Map.copyOf(attributes)),
        false,
        resumed);
  }

  private void record(Reservation reservation) {
    Map<String, String> entry = new HashMap<>(reservation.attributes());
    entry.put(NAME_KEY, reservation.requestName());
    entry.put(OBJECT_KEY, reservation.objectName());
    omap.set(entryObject(reservation.uuid()), entry);
  }

  /** Adds attributes to an existing entry (e.g. a snapshot's creation time once known). */
  public void annotate(UUID uuid, Map<String, String> attributes) {
    omap.set(entryObject(uuid), attributes);
  }

  /** Removes attributes {@link #annotate} added; absent ones are not an error. */
  public void removeAttributes(UUID uuid, Collection<String> keys) {
    omap.removeKeys(entryObject(uuid), keys);
  }

  /** Forgets a reservation; releasing one that is gone is not an error. */
  public void release(UUID uuid) {
    findById(uuid)
        .map(Reservation::requestName)
        .ifPresent(name -> omap.removeKeys(kind.directory, List.of(kind.prefix + name)));
    omap.remove(entryObject(uuid));
  }

  /**
   * Forgets the reservation a create just made, by its name: what undoing a failed create needs.
   */
  public void release(Reservation reservation) {
    omap.removeKeys(kind.directory, List.of(kind.prefix + reservation.requestName()));
    omap.remove(entryObject(reservation.uuid()));
  }

  /** One page of reserved request names and their uuids, in name order. */
  public Page list(String startAfterName, int max) {
    String startAfter = startAfterName.isEmpty() ? "" : kind.prefix + startAfterName;
    Map<String, String> keys = omap.list(kind.directory, startAfter, kind.prefix, max + 1);
    List<Listed> entries = new ArrayList<>();
    for (Map.Entry<String, String> key : keys.entrySet()) {
      if (entries.size() == max) {
        return new Page(entries, entries.get(max - 1).name());
      }
      entries.add(
          new Listed(
              key.getKey().substring(kind.prefix.length()), UUID.fromString(key.getValue())));
    }
    return new Page(entries, "");
  }

  private String entryObject(UUID uuid) {
    return kind.prefix + uuid;
  }

  /**
   * @param recorded whether the entry was already written
   * @param resumed whether the name was reserved before: a retry, or what a crash left
   */
  private record Claim(Reservation reservation, boolean recorded, boolean resumed) {}

  /**
   * A reservation whose entry may still be being written.
   *
   * @param resumed whether an earlier request of the same name reserved it: that request may have
   *     died half way through making the Ceph object
   */
  public record Pending(Reservation reservation, CompletableFuture<Void> entry, boolean resumed) {
    /** Waits for the entry; its failure is the call's. */
    public void awaitEntry() {
      try {
        entry.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }
  }

  /** A request name and the uuid it reserved. */
  public record Listed(String name, UUID uuid) {}

  /** A page of {@link #list}; {@code nextName} is empty on the last page. */
  public record Page(List<Listed> entries, String nextName) {}
}
