package io.strata.ceph;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Pool-level RBD operations the com.ceph:rados binding lacks, bound with JNA against librbd. A pool
 * must be initialised once before RBD images live in it ({@code rbd pool init}).
 */
public final class RbdPools {
  private final CephConnection connection;

  public RbdPools(CephConnection connection) {
    this.connection = connection;
  }

  /**
   * Tags the pool with the "rbd" application and validates it for RBD use, as {@code rbd pool init}
   * does. Safe to repeat on an initialised pool.
   */
  public void init(String pool) {
    int rc =
        connection.withPool(pool, "", io -> LibRbdPool.INSTANCE.rbd_pool_init(io.getPointer(), 0));
    if (rc < 0) {
      throw new CephException("initialise pool " + pool + " for rbd", rc, null);
    }
  }

  /** The librbd calls used here. C {@code bool} is passed as an int (0 or 1). */
  private interface LibRbdPool extends Library {
    LibRbdPool INSTANCE = Native.load("rbd", LibRbdPool.class);

    int rbd_pool_init(Pointer ioctx, int force);
  }
}
