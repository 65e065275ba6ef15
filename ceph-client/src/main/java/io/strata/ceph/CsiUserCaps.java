package io.strata.ceph;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The least capabilities the Strata CSI plugins need, per daemon type, for {@link
 * CephUsers#ensure}. They follow ceph-csi's docs/capabilities.md and the users Rook makes for it,
 * minus what only ceph-csi uses (fencing with {@code osd blocklist}, MDS client eviction):
 *
 * <ul>
 *   <li>provisioners create, delete and snapshot volumes: RBD trash removal ({@code rbd task}) and
 *       every CephFS subvolume command are mgr commands, hence {@code mgr "allow rw"}; the CephFS
 *       journal lives in the metadata pool;
 *   <li>nodes map images (krbd, rbd-nbd, rbd-fuse) or mount CephFS, and need no mgr: CephFS data
 *       goes straight to the data pools, its metadata through the MDS.
 * </ul>
 *
 * The variants with a pool or filesystem name confine the user to it.
 */
public final class CsiUserCaps {
  private CsiUserCaps() {}

  public static Map<String, String> rbdProvisioner() {
    return caps("mon", "profile rbd", "mgr", "allow rw", "osd", "profile rbd");
  }

  public static Map<String, String> rbdNode() {
    return caps("mon", "profile rbd", "osd", "profile rbd");
  }

  public static Map<String, String> cephfsProvisioner() {
    return caps("mon", "allow r", "mgr", "allow rw", "osd", "allow rw tag cephfs metadata=*");
  }

  public static Map<String, String> cephfsNode() {
    return caps("mon", "allow r", "mds", "allow rw", "osd", "allow rw tag cephfs data=*");
  }

  /** As {@link #rbdProvisioner()}, for images in {@code pool} only. */
  public static Map<String, String> rbdProvisioner(String pool) {
    scope(pool);
    return caps(
        "mon", "profile rbd", "mgr", "profile rbd pool=" + pool, "osd", "profile rbd pool=" + pool);
  }

  /** As {@link #rbdNode()}, for images in {@code pool} only. */
  public static Map<String, String> rbdNode(String pool) {
    scope(pool);
    return caps("mon", "profile rbd", "osd", "profile rbd pool=" + pool);
  }

  /** As {@link #cephfsProvisioner()}, for the filesystem {@code fsName} only. */
  public static Map<String, String> cephfsProvisioner(String fsName) {
    scope(fsName);
    return caps(
        "mon",
        "allow r fsname=" + fsName,
        "mgr",
        "allow rw",
        "osd",
        "allow rw tag cephfs metadata=" + fsName);
  }

  /** As {@link #cephfsNode()}, for the filesystem {@code fsName} only. */
  public static Map<String, String> cephfsNode(String fsName) {
    scope(fsName);
    return caps(
        "mon",
        "allow r fsname=" + fsName,
        "mds",
        "allow rw fsname=" + fsName,
        "osd",
        "allow rw tag cephfs data=" + fsName);
  }

  /** A name goes into the cap grammar as is, so it must not carry spaces, commas or quotes. */
  private static String scope(String name) {
    if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException(
          "'" + name + "' cannot scope a cap: use letters, digits, _.-");
    }
    return name;
  }

  private static Map<String, String> caps(String... daemonAndCap) {
    Map<String, String> caps = new TreeMap<>();
    for (int i = 0; i < daemonAndCap.length; i += 2) {
      caps.put(daemonAndCap[i], daemonAndCap[i + 1]);
    }
    return Collections.unmodifiableMap(caps);
  }
}
