package io.strata.ceph;

import com.ceph.rados.IoCTX;
import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdException;
import com.ceph.rbd.RbdImage;
import com.ceph.rbd.jna.RbdSnapInfo;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.NativeLongByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** RBD image operations in one pool (and rados namespace) over a shared connection. */
public final class RbdImages {
  /** RBD_FEATURE_LAYERING: clones need it, and every kernel client supports it. */
  public static final long FEATURE_LAYERING = 1L;

  public static final long FEATURE_EXCLUSIVE_LOCK = 1L << 2;
  public static final long FEATURE_OBJECT_MAP = 1L << 3;
  public static final long FEATURE_FAST_DIFF = 1L << 4;
  public static final long FEATURE_DEEP_FLATTEN = 1L << 5;
  public static final long FEATURE_JOURNALING = 1L << 6;

  /** RBD_FLAG_OBJECT_MAP_INVALID: librbd no longer trusts the map and visits every object. */
  private static final long FLAG_OBJECT_MAP_INVALID = 1L;

  private static final int DEFAULT_ORDER = 22; // 4 MiB objects, librbd's default

  private final CephConnection connection;
  private final String pool;
  private final String namespace;

  public RbdImages(CephConnection connection, String pool, String namespace) {
    this.connection = connection;
    this.pool = pool;
    this.namespace = namespace == null ? "" : namespace;
  }

  public void create(String name, long sizeBytes, long features) {
    run("create image " + where(name), rbd -> rbd.create(name, sizeBytes, features, DEFAULT_ORDER));
  }

  /**
   * Creates {@code child} in this pool as a copy-on-write clone of {@code parent@snapshot} in
   * {@code parentPool}. Connections use clone format 2, so the parent snapshot needs no protection
   * and may be removed while the clone lives.
   */
  public void clone(
      RbdImages parentPool, String parent, String snapshot, String child, long features) {
    parentPool.run(
        "clone " + parentPool.where(parent) + "@" + snapshot + " to " + where(child),
        parentRbd ->
            connection.withPool(
                pool,
                namespace,
                childIo -> {
                  try {
                    parentRbd.clone(parent, snapshot, childIo, child, features, DEFAULT_ORDER);
                    return null;
                  } catch (RbdException e) {
                    throw new CephException("clone to " + where(child), e.getReturnValue(), null);
                  }
                }));
  }

  /** Copies the parent's data into a clone so that it no longer depends on the parent. */
  public void flatten(String name) {
    withImage(
        "flatten image " + where(name),
        name,
        image -> {
          image.flatten();
          return null;
        });
  }

  public void remove(String name) {
    run("remove image " + where(name), rbd -> rbd.remove(name));
  }

  public void createSnapshot(String name, String snapshot) {
    withImage(
        "create snapshot " + where(name) + "@" + snapshot,
        name,
        image -> {
          image.snapCreate(snapshot);
          return null;
        });
  }

  /** Removes a snapshot; with clone format 2 one that still has clones moves to the trash. */
  public void removeSnapshot(String name, String snapshot) {
    withImage(
        "remove snapshot " + where(name) + "@" + snapshot,
        name,
        image -> {
          image.snapRemove(snapshot);
          return null;
        });
  }

  public boolean hasSnapshot(String name, String snapshot) {
    return withImage(
        "list snapshots of " + where(name),
        name,
        image ->
            image.snapList().stream().map((RbdSnapInfo s) -> s.name).anyMatch(snapshot::equals));
  }

  /** The image's id, which names it once it is in the trash. */
  public String id(String name) {
    return withImage(
        "read id of image " + where(name),
        name,
        image -> {
          byte[] id = new byte[64];
          check(
              "read id of image " + where(name),
              LibRbd.INSTANCE.rbd_get_id(image.getPointer(), id, new NativeLong(id.length)));
          return Native.toString(id, StandardCharsets.UTF_8.name());
        });
  }

  /**
   * Moves an image to the trash, which works while clients still have it open (a remove fails with
   * EBUSY then) and while clones of its snapshots live (ENOTEMPTY).
   */
  public void moveToTrash(String name) {
    run(
        "move image " + where(name) + " to the trash",
        rbd ->
            check(
                "move image " + where(name) + " to the trash",
                LibRbd.INSTANCE.rbd_trash_move(rbd.ioPointer(), name, 0)));
  }

  /** An image in the trash: its id and the name it had. */
  public record TrashEntry(String id, String name) {}

  public List<TrashEntry> trash() {
    return call(
        "list the trash of " + where(""),
        rbd -> {
          NativeLongByReference count = new NativeLongByReference(new NativeLong(0));
          int rc = LibRbd.INSTANCE.rbd_trash_list(rbd.ioPointer(), null, count);
          while (rc == -Errno.ERANGE.value()) {
            LibRbd.TrashImageInfo first = new LibRbd.TrashImageInfo();
            LibRbd.TrashImageInfo[] entries =
                (LibRbd.TrashImageInfo[]) first.toArray((int) count.getValue().longValue());
            rc = LibRbd.INSTANCE.rbd_trash_list(rbd.ioPointer(), first, count);
            if (rc >= 0) {
              List<TrashEntry> found = new ArrayList<>();
              for (int i = 0; i < count.getValue().longValue(); i++) {
                entries[i].read();
                found.add(new TrashEntry(entries[i].id.getString(0), entries[i].name.getString(0)));
              }
              LibRbd.INSTANCE.rbd_trash_list_cleanup(first, count.getValue());
              return found;
            }
          }
          check("list the trash of " + where(""), rc);
          return List.of();
        });
  }

  /** Removes an image from the trash; fails with ENOTEMPTY while clones of it live. */
  public void removeFromTrash(String imageId) {
    run(
        "remove image id " + imageId + " from the trash of " + where(""),
        rbd ->
            check(
                "remove image id " + imageId + " from the trash of " + where(""),
                LibRbd.INSTANCE.rbd_trash_remove(rbd.ioPointer(), imageId, 0)));
  }

  /** Asks the manager to remove a trashed image, retrying until clients and clones let go. */
  public void scheduleTrashRemoval(String imageId) {
    String spec =
        namespace.isEmpty() ? pool + "/" + imageId : pool + "/" + namespace + "/" + imageId;
    connection.mgrCommand(Map.of("prefix", "rbd task add trash remove", "image_id_spec", spec));
  }

  /** Sets image metadata; keys starting with {@code conf_} override librbd options per image. */
  public void setMetadata(String name, Map<String, String> entries) {
    withImage(
        "set metadata of image " + where(name),
        name,
        image -> {
          for (Map.Entry<String, String> entry : entries.entrySet()) {
            check(
                "set metadata " + entry.getKey() + " of image " + where(name),
                LibRbd.INSTANCE.rbd_metadata_set(
                    image.getPointer(), entry.getKey(), entry.getValue()));
          }
          return null;
        });
  }

  public Optional<String> metadata(String name, String key) {
    return withImage(
        "read metadata " + key + " of image " + where(name),
        name,
        image -> {
          byte[] value = new byte[4096];
          NativeLongByReference length = new NativeLongByReference(new NativeLong(value.length));
          int rc = LibRbd.INSTANCE.rbd_metadata_get(image.getPointer(), key, value, length);
          if (rc == -Errno.ENOENT.value()) {
            return Optional.empty();
          }
          check("read metadata " + key + " of image " + where(name), rc);
          return Optional.of(Native.toString(value, StandardCharsets.UTF_8.name()));
        });
  }

  /** Grows (or shrinks) an image; librbd resizes in place. */
  public void resize(String name, long sizeBytes) {
    withImage(
        "resize image " + where(name),
        name,
        image -> {
          image.resize(sizeBytes);
          return null;
        });
  }

  public List<String> list() {
    return call("list images in " + where(""), rbd -> List.of(rbd.list()));
  }

  public long size(String name) {
    return withImage("stat image " + where(name), name, image -> image.stat().size);
  }

  /**
   * What an image is made of.
   *
   * @param objects how many objects its size spans, each of which a remove without an object map
   *     deletes
   */
  public record ImageInfo(long sizeBytes, long objects, long features, long flags) {
    /** Whether librbd knows which objects exist, so removing the image costs what was written. */
    public boolean hasValidObjectMap() {
      return (features & FEATURE_OBJECT_MAP) != 0 && (flags & FLAG_OBJECT_MAP_INVALID) == 0;
    }
  }

  public ImageInfo info(String name) {
    String operation = "stat image " + where(name);
    return withImage(
        operation,
        name,
        image -> {
          LongByReference features = new LongByReference();
          LongByReference flags = new LongByReference();
          check(operation, LibRbd.INSTANCE.rbd_get_features(image.getPointer(), features));
          check(operation, LibRbd.INSTANCE.rbd_get_flags(image.getPointer(), flags));
          var stat = image.stat();
          return new ImageInfo(stat.size, stat.num_objs, features.getValue(), flags.getValue());
        });
  }

  private interface ImageCall<T> {
    T apply(RbdImage image) throws RbdException;
  }

  private <T> T withImage(String operation, String name, ImageCall<T> work) {
    return call(
        operation,
        rbd -> {
          RbdImage image = rbd.open(name);
          try {
            return work.apply(image);
          } finally {
            rbd.close(image);
          }
        });
  }

  private static void check(String operation, int rc) throws RbdException {
    if (rc < 0) {
      throw new RbdException(operation, rc);
    }
  }

  private String where(String name) {
    String prefix = namespace.isEmpty() ? pool : pool + "/" + namespace;
    return name.isEmpty() ? prefix : prefix + "/" + name;
  }

  /** The binding's Rbd plus the pointer of its I/O context, which our own librbd calls need. */
  private static final class PoolRbd extends Rbd {
    private final IoCTX io;

    PoolRbd(IoCTX io) {
      super(io);
      this.io = io;
    }

    com.sun.jna.Pointer ioPointer() {
      return io.getPointer();
    }
  }

  private interface RbdCall<T> {
    T apply(PoolRbd rbd) throws RbdException;
  }

  private interface RbdAction {
    void apply(PoolRbd rbd) throws RbdException;
  }

  private void run(String operation, RbdAction action) {
    call(
        operation,
        rbd -> {
          action.apply(rbd);
          return null;
        });
  }

  private <T> T call(String operation, RbdCall<T> work) {
    return connection.timed(
        "rbd",
        verb(operation),
        () ->
            connection.withPool(
                pool,
                namespace,
                io -> {
                  try {
                    return work.apply(new PoolRbd(io));
                  } catch (RbdException e) {
                    throw new CephException(operation, e.getReturnValue(), null);
                  }
                }));
  }

  /** "create image" of "create image pool/name": the operation without what it acted on. */
  private String verb(String operation) {
    int at = operation.indexOf(" " + where(""));
    return at < 0 ? operation : operation.substring(0, at);
  }
}
