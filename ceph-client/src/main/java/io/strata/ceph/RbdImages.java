package io.strata.ceph;

import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdException;
import com.ceph.rbd.RbdImage;
import java.util.List;

/** RBD image operations in one pool (and rados namespace) over a shared connection. */
public final class RbdImages {
  /** RBD_FEATURE_LAYERING: clones need it, and every kernel client supports it. */
  public static final long FEATURE_LAYERING = 1L;

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

  public void remove(String name) {
    run("remove image " + where(name), rbd -> rbd.remove(name));
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

  private String where(String name) {
    String prefix = namespace.isEmpty() ? pool : pool + "/" + namespace;
    return name.isEmpty() ? prefix : prefix + "/" + name;
  }

  private interface RbdCall<T> {
    T apply(Rbd rbd) throws RbdException;
  }

  private interface RbdAction {
    void apply(Rbd rbd) throws RbdException;
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
    return connection.withPool(
        pool,
        namespace,
        io -> {
          try {
            return work.apply(new Rbd(io));
          } catch (RbdException e) {
            throw new CephException(operation, e.getReturnValue(), null);
          }
        });
  }
}
