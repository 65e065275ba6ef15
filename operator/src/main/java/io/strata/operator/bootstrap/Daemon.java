package io.strata.operator.bootstrap;

import java.util.Map;
import java.util.Objects;

/**
 * One Ceph daemon: its type and id ("mon" "a", "osd" "0"). The entity name doubles as the name of
 * its process, log and PID file ("mon.a").
 */
public record Daemon(Type type, String id) {
  /** Daemon types in start order, each with its binary and the caps of its cephx entity. */
  public enum Type {
    MON("ceph-mon", Map.of("mon", "allow *")),
    MGR("ceph-mgr", Map.of("mon", "allow profile mgr", "osd", "allow *", "mds", "allow *")),
    OSD(
        "ceph-osd",
        Map.of("mon", "allow profile osd", "mgr", "allow profile osd", "osd", "allow *")),
    MDS(
        "ceph-mds",
        Map.of(
            "mon",
            "allow profile mds",
            "mgr",
            "allow profile mds",
            "osd",
            "allow *",
            "mds",
            "allow"));

    private final String binary;
    private final Map<String, String> caps;

    Type(String binary, Map<String, String> caps) {
      this.binary = binary;
      this.caps = caps;
    }

    public String binary() {
      return binary;
    }

    public Map<String, String> caps() {
      return caps;
    }

    /** "mon", "mgr", "osd", "mds": the word Ceph uses in entity names and config sections. */
    public String word() {
      return name().toLowerCase();
    }
  }

  /** The admin client's caps: everything. */
  public static final Map<String, String> ADMIN_CAPS =
      Map.of("mon", "allow *", "mgr", "allow *", "osd", "allow *", "mds", "allow *");

  public static final String ADMIN_ENTITY = "client.admin";

  public Daemon {
    Objects.requireNonNull(type, "type");
    if (id == null || id.isBlank() || id.contains("/") || id.contains(" ")) {
      throw new IllegalArgumentException("invalid daemon id '" + id + "'");
    }
  }

  public static Daemon mon(String id) {
    return new Daemon(Type.MON, id);
  }

  public static Daemon mgr(String id) {
    return new Daemon(Type.MGR, id);
  }

  public static Daemon osd(int id) {
    return new Daemon(Type.OSD, Integer.toString(id));
  }

  public static Daemon mds(String id) {
    return new Daemon(Type.MDS, id);
  }

  /**
   * The cephx entity: "mgr.x", "osd.0". The monitors share one key under "mon." rather than
   * "mon.a".
   */
  public String entity() {
    return type == Type.MON ? "mon." : name();
  }

  /** "mon.a", "osd.0": Ceph's $name. */
  public String name() {
    return type.word() + "." + id;
  }

  @Override
  public String toString() {
    return name();
  }
}
