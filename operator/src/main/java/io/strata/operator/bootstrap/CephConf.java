package io.strata.operator.bootstrap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * ceph.conf for a small cluster: modest memory, every run, admin-socket and data path inside the
 * layout's directories, and the settings its {@link Profile} calls for (one replica and no
 * redundancy warnings on one node, logs to stderr in containers).
 *
 * @param fsid cluster uuid
 * @param mons every monitor's address (both protocols), in monmap order
 * @param layout where the cluster's files live
 * @param profile what differs between a one-node and a multi-node cluster
 */
public record CephConf(String fsid, List<MonAddress> mons, ClusterLayout layout, Profile profile) {

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

  /**
   * What differs between a one-node development cluster and one spread over Kubernetes nodes.
   *
   * @param publicNetwork CIDR the OSD, MGR and MDS bind in ("127.0.0.0/8"), or null to let Ceph
   *     pick
   * @param osdBlockBytes size of the sparse file bluestore creates as its block device
   * @param osdMemoryTarget what an OSD aims to use in total, bytes
   * @param poolSize copies of a pool made without a size; 1 also turns off the checks and the CRUSH
   *     host rule that assume several copies on several hosts
   * @param logToStderr daemons log to stderr (the container's log), not to files
   * @param trimMgrModules keep the mgr from loading modules nothing uses; false where users pick
   *     modules (a CephCluster's spec.mgr.modules), since a module never loaded cannot be enabled
   * @param mdsTickSeconds the MDS's tick, or 0 for Ceph's (5 s). Each step of a CephFS clone in the
   *     mgr's volumes module waits for the next tick (measured on Ceph 16.2.15: a clone of an empty
   *     subvolume takes 7-12 s with 5 s ticks, 2-4 s with 1 s), so a development cluster ticks
   *     every second and CreateVolume from a source finishes within one call. The tick also paces
   *     cache trimming and cap recall, so clusters that serve users keep Ceph's.
   */
  public record Profile(
      String publicNetwork,
      long osdBlockBytes,
      long osdMemoryTarget,
      int poolSize,
      boolean logToStderr,
      boolean trimMgrModules,
      int mdsTickSeconds) {
    /**
     * A one-node development cluster on loopback: 8 GiB OSD, 512 MiB target, files for logs, an MDS
     * that ticks every second.
     */
    public static final Profile SINGLE_NODE =
        new Profile("127.0.0.0/8", 8 * GIB, 512 * MIB, 1, false, true, 1);

    public Profile {
      if (poolSize < 1) {
        throw new IllegalArgumentException("pool size must be at least 1, is " + poolSize);
      }
    }

    public Profile withPublicNetwork(String cidr) {
      return new Profile(
          cidr,
          osdBlockBytes,
          osdMemoryTarget,
          poolSize,
          logToStderr,
          trimMgrModules,
          mdsTickSeconds);
    }

    /**
     * A cluster of pods: Ceph picks the network, logs go to the containers' stderr, every mgr
     * module can load.
     */
    public static Profile containers(int poolSize, long osdBlockBytes) {
      return new Profile(null, osdBlockBytes, 512 * MIB, poolSize, true, false, 0);
    }
  }

  public CephConf {
    Objects.requireNonNull(fsid, "fsid");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(profile, "profile");
    mons = List.copyOf(mons);
    if (mons.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one monitor");
    }
  }

  /**
   * The settings of a one-node development cluster: 8 GiB OSD, 512 MiB target; every daemon binds
   * the monitor's address (loopback unless the cluster was made on another).
   */
  public static CephConf singleNode(String fsid, MonAddress mon, ClusterLayout layout) {
    Profile profile =
        mon.host().startsWith("127.")
            ? Profile.SINGLE_NODE
            : Profile.SINGLE_NODE.withPublicNetwork(mon.host() + "/32");
    return new CephConf(fsid, List.of(mon), layout, profile);
  }

  public String render() {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    sections.put("global", global());
    sections.put("client", Map.of("admin socket", layout.asokDir() + "/$name.$pid.asok"));
    sections.put("client.admin", Map.of("keyring", layout.adminKeyring().toString()));
    sections.put("mon", Map.of("mon data", layout.dataDirTemplate(Daemon.Type.MON)));
    sections.put(
        "mgr",
        daemonSection(
            Daemon.Type.MGR,
            profile.trimMgrModules()
                ? Map.of("mgr disabled modules", UNUSED_MGR_MODULES)
                : Map.of()));
    sections.put("osd", daemonSection(Daemon.Type.OSD, osd()));
    sections.put("mds", daemonSection(Daemon.Type.MDS, mds()));
    StringBuilder out = new StringBuilder("# written by strata; ports chosen at creation\n");
    sections.forEach((name, values) -> {
      out.append('[').append(name).append("]\n");
      values.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
      out.append('\n');
    });
    return out.toString();
  }

  private Map<String, String> global() {
    Map<String, String> g = new LinkedHashMap<>();
    g.put("fsid", fsid);
    // Ceph's list form: "[v2:a:3300,v1:a:6789],[v2:b:3300,v1:b:6789]"
    g.put("mon host", mons.stream().map(MonAddress::addrvec).collect(Collectors.joining(",")));
    if (profile.publicNetwork() != null) {
      g.put("public network", profile.publicNetwork());
    }
    g.put("auth cluster required", "cephx");
    g.put("auth service required", "cephx");
    g.put("auth client required", "cephx");
    g.put("auth allow insecure global id reclaim", "false");
    g.put("ms bind ipv6", "false");
    g.put("osd pool default size", Integer.toString(profile.poolSize()));
    if (profile.poolSize() == 1) {
      g.putAll(singleCopy());
    }
    g.put("mon allow pool delete", "true");
    g.put("mon data avail warn", "10");
    // Fresh PG and daemon state in `status` within a second or two, not five.
    g.put("mgr stats period", "1");
    g.put("mon mgr digest period", "1");
    // The supervisor owns the PID files; Ceph's own would be a second, stale-prone copy.
    g.put("pid file", "");
    g.put("run dir", layout.asokDir().toString());
    g.put("admin socket", layout.asokDir() + "/$name.asok");
    g.putAll(logging());
    g.put("crash dir", layout.crashDir().toString());
    return g;
  }

  /** One copy of everything, on one host: the settings that allow it and quiet its warnings. */
  private static Map<String, String> singleCopy() {
    Map<String, String> g = new LinkedHashMap<>();
    g.put("osd pool default min size", "1");
    g.put("osd pool default pg num", "8");
    g.put("osd pool default pgp num", "8");
    g.put("osd pool default pg autoscale mode", "off");
    g.put("osd crush chooseleaf type", "0");
    g.put("mon allow pool size one", "true");
    g.put("mon warn on pool no redundancy", "false");
    // One OSD: no other primary can hold a read lease, so PGs need not wait one out on restart.
    g.put("osd pool default read lease ratio", "0.1");
    return g;
  }

  private Map<String, String> logging() {
    Map<String, String> g = new LinkedHashMap<>();
    if (profile.logToStderr()) {
      // A container's stderr is its log: files in the pod would vanish with it, or fill its disk.
      g.put("log to file", "false");
      g.put("log to stderr", "true");
      g.put("err to stderr", "true");
      g.put("mon cluster log to file", "false");
      g.put("mon cluster log to stderr", "true");
    } else {
      g.put("log file", layout.logDir() + "/$name.log");
      g.put("mon cluster log file", layout.logDir() + "/cluster.log");
    }
    return g;
  }

  private Map<String, String> daemonSection(Daemon.Type type, Map<String, String> extra) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(type.word() + " data", layout.dataDirTemplate(type));
    s.put("keyring", layout.keyringTemplate(type));
    s.putAll(extra);
    return s;
  }

  private Map<String, String> osd() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("osd objectstore", "bluestore");
    s.put("bluestore block create", "true");
    s.put("bluestore block size", bytes(profile.osdBlockBytes()));
    s.put("osd memory target", bytes(profile.osdMemoryTarget()));
    s.put("bluestore cache autotune", "false");
    s.put("bluestore cache size", bytes(64 * MIB));
    return s;
  }

  private Map<String, String> mds() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("mds cache memory limit", bytes(128 * MIB));
    if (profile.mdsTickSeconds() > 0) {
      s.put("mds tick interval", Integer.toString(profile.mdsTickSeconds()));
    }
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
