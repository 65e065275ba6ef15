package io.strata.ceph;

/**
 * Pool-level RBD operations. A pool must be initialised once before RBD images live in it ({@code
 * rbd pool init}).
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
    int rc = connection.withPool(pool, "", io -> LibRbd.INSTANCE.rbd_pool_init(io.getPointer(), 0));
    if (rc < 0) {
      throw new CephException("initialise pool " + pool + " for rbd", rc, null);
    }
  }
}
