package io.strata.operator.bootstrap;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * ceph.conf for a small cluster: one replica, no redundancy warnings, modest memory, and every run,
 * log, admin-socket and data path inside the cluster's own directory.
 *
 * @param fsid cluster uuid
 * @param mon the monitor's address (both protocols)
 * @param layout where the cluster's files live
 * @param publicNetwork CIDR the OSD, MGR and MDS bind in ("127.0.0.0/8"), or null to let Ceph pick
 * @param osdBlockBytes size of the sparse file bluestore creates as its block device
 * @param osdMemoryTarget what the OSD aims to use in total, bytes
 */
public record CephConf(
    String fsid,
    MonAddress mon,
    ClusterLayout layout,
    String publicNetwork,
    long osdBlockBytes,
    long osdMemoryTarget) {

  public static final long GIB = 1L << 30;
  public static final long MIB = 1L << 20;

  /**
   * Mgr modules never loaded: nothing here uses them, and loading every module roughly doubles the
   * mgr's memory (about 310 MiB RSS against 160). The always-on ones (volumes, rbd_support, status,
   * ...) stay.
   */
  static final String UNUSED_MGR_MODULES =
      "alerts,diskprediction_local,influx,insights,iostat,localpool,mirroring,nfs,osd_perf_query,"
          + "osd_support,prometheus,restful,selftest,snap_schedule,stats,telegraf,"
          + "test_orchestrator,zabbix";

  public CephConf {
    Objects.requireNonNull(fsid, "fsid");
    Objects.requireNonNull(mon, "mon");
    Objects.requireNonNull(layout, "layout");
  }

  /** The settings of a one-node development cluster on loopback: 8 GiB OSD, 512 MiB target. */
  public static CephConf singleNode(String fsid, MonAddress mon, ClusterLayout layout) {
    return new CephConf(fsid, mon, layout, "127.0.0.0/8", 8 * GIB, 512 * MIB);
  }

  public String render() {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    sections.put("global", global());
    sections.put("client", Map.of("admin socket", layout.asokDir() + "/$name.$pid.asok"));
    sections.put("client.admin", Map.of("keyring", layout.adminKeyring().toString()));
    sections.put("mon", Map.of("mon data", layout.dataDirTemplate(Daemon.Type.MON)));
    sections.put(
        "mgr", daemonSection(Daemon.Type.MGR, Map.of("mgr disabled modules", UNUSED_MGR_MODULES)));
    sections.put("osd", daemonSection(Daemon.Type.OSD, osd()));
    sections.put(
        "mds", daemonSection(Daemon.Type.MDS, Map.of("mds cache memory limit", bytes(128 * MIB))));
    StringBuilder out = new StringBuilder("# written by strata; ports chosen at creation\n");
    sections.forEach(
        (name, values) -> {
          out.append('[').append(name).append("]\n");
          values.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
          out.append('\n');
        });
    return out.toString();
  }

  private Map<String, String> global() {
    Map<String, String> g = new LinkedHashMap<>();
    g.put("fsid", fsid);
    g.put("mon host", mon.addrvec());
    if (publicNetwork != null) {
      g.put("public network", publicNetwork);
    }
    g.put("auth cluster required", "cephx");
    g.put("auth service required", "cephx");
    g.put("auth client required", "cephx");
    g.put("auth allow insecure global id reclaim", "false");
    g.put("ms bind ipv6", "false");
    g.put("osd pool default size", "1");
    g.put("osd pool default min size", "1");
    g.put("osd pool default pg num", "8");
    g.put("osd pool default pgp num", "8");
    g.put("osd pool default pg autoscale mode", "off");
    g.put("osd crush chooseleaf type", "0");
    g.put("mon allow pool size one", "true");
    g.put("mon allow pool delete", "true");
    g.put("mon warn on pool no redundancy", "false");
    g.put("mon data avail warn", "10");
    // One OSD: no other primary can hold a read lease, so PGs need not wait one out on restart.
    g.put("osd pool default read lease ratio", "0.1");
    // Fresh PG and daemon state in `status` within a second or two, not five.
    g.put("mgr stats period", "1");
    g.put("mon mgr digest period", "1");
    // The supervisor owns the PID files; Ceph's own would be a second, stale-prone copy.
    g.put("pid file", "");
    g.put("run dir", layout.asokDir().toString());
    g.put("admin socket", layout.asokDir() + "/$name.asok");
    g.put("log file", layout.logDir() + "/$name.log");
    g.put("mon cluster log file", layout.logDir() + "/cluster.log");
    g.put("crash dir", layout.crashDir().toString());
    return g;
  }

  private Map<String, String> daemonSection(Daemon.Type type, Map<String, String> extra) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(type.word() + " data", layout.dataDirTemplate(type));
    s.put("keyring", "$" + type.word() + "_data/keyring");
    s.putAll(extra);
    return s;
  }

  private Map<String, String> osd() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("osd objectstore", "bluestore");
    s.put("bluestore block create", "true");
    s.put("bluestore block size", bytes(osdBlockBytes));
    s.put("osd memory target", bytes(osdMemoryTarget));
    s.put("bluestore cache autotune", "false");
    s.put("bluestore cache size", bytes(64 * MIB));
    return s;
  }

  private static String bytes(long value) {
    return Long.toString(value);
  }

  /** What a rendered file says about which cluster it is and where its monitor listens. */
  public record Identity(String fsid, MonAddress mon) {}

  /** Reads fsid and mon host from the [global] section of a ceph.conf. */
  public static Identity identity(String confText) {
    String section = "";
    String fsid = null;
    String monHost = null;
    for (String raw : confText.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip();
        continue;
      }
      int equals = line.indexOf('=');
      if (!section.equals("global") || line.startsWith("#") || equals < 0) {
        continue;
      }
      String key = line.substring(0, equals).strip().replace('_', ' ');
      String value = line.substring(equals + 1).strip();
      if (key.equals("fsid")) {
        fsid = value;
      } else if (key.equals("mon host")) {
        monHost = value;
      }
    }
    if (fsid == null || monHost == null) {
      throw new IllegalArgumentException("ceph.conf has no fsid or mon host in [global]");
    }
    return new Identity(fsid, MonAddress.parseAddrvec(monHost));
  }
}
