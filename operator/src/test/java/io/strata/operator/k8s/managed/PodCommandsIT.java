package io.strata.operator.k8s.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.ceph.CephConnection;
import io.strata.ceph.CephRelease;
import io.strata.ceph.ConnectionSpec;
import io.strata.operator.api.v1.CephClusterSpec.DashboardSpec;
import io.strata.operator.api.v1.CephFilesystemSpec.MetadataServerSpec;
import io.strata.operator.bootstrap.CephConf;
import io.strata.operator.bootstrap.CephxKey;
import io.strata.operator.bootstrap.ClusterKeys;
import io.strata.operator.bootstrap.ClusterLayout;
import io.strata.operator.bootstrap.Daemon;
import io.strata.operator.bootstrap.DaemonCommands;
import io.strata.operator.bootstrap.MonAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pods run, run as local processes: the container profile's ceph.conf, keyrings in their
 * own directory, two monitors on one host from one monmap, an OSD registered and made as {@link
 * OsdRegistrar} and the OSD Deployment's init step do, a mgr, and the liveness probe's admin socket
 * command. The layout is the pods' one re-rooted in a temporary directory; needs the Ceph packages
 * of DESIGN.md §7.
 */
@Tag("integration")
class PodCommandsIT {
  private static final Duration READY = Duration.ofSeconds(90);

  @TempDir Path temp;
  private final List<Process> daemons = new ArrayList<>();

  @Test
  void monitorsOsdAndMgrComeUpFromThePodsCommandsAndConfig() throws Exception {
    ClusterLayout layout =
        ClusterLayout.inContainer(temp.resolve("root"), temp.resolve("etc"), temp.resolve("keys"));
    DaemonCommands commands = new DaemonCommands(layout);
    List<Integer> ports = freePorts(4);
    Map<Daemon, MonAddress> mons = new LinkedHashMap<>();
    mons.put(Daemon.mon("a"), new MonAddress("127.0.0.1", ports.get(0), ports.get(1)));
    mons.put(Daemon.mon("b"), new MonAddress("127.0.0.1", ports.get(2), ports.get(3)));
    Daemon mgr = Daemon.mgr("a");
    Daemon osd = Daemon.osd(0);
    String fsid = UUID.randomUUID().toString();
    ClusterKeys keys =
        ClusterKeys.generate(new CephxKey(), List.of(mgr), new CephRelease(16, 2, 15));
    CephConf conf =
        new CephConf(
            fsid, List.copyOf(mons.values()), layout, CephConf.Profile.containers(1, CephConf.GIB));
    // what the ConfigMap, the keys Secret and the volumes provide
    write(layout.conf(), conf.render());
    write(layout.monKeyring(), keys.monKeyring().render());
    write(layout.keyring(mgr), keys.daemonKeyring(mgr).render());
    for (Daemon daemon : List.of(Daemon.mon("a"), Daemon.mon("b"), mgr, osd)) {
      Files.createDirectories(layout.dataDir(daemon));
    }

    for (Daemon mon : mons.keySet()) {
      run(commands.monmapCreate(fsid, mons, new CephRelease(16, 2, 15)));
      run(commands.monMkfs(mon));
      run(commands.monMkfs(mon)); // a restarted pod: "monitor may already exist", exit 0
      start(mon, commands.run(mon));
    }
    try (CephConnection admin = connect(mons, keys.adminKey())) {
      CephCommands ceph = CephCommands.of(admin);
      awaitStatus(ceph, s -> s.path("quorum_names").size() == 2, "two monitors in quorum");

      String uuid = UUID.randomUUID().toString();
      int id = ceph.mon(Map.of("prefix", "osd new", "uuid", uuid)).path("osdid").asInt();
      assertEquals(0, id);
      write(layout.keyring(osd), new DaemonKeys(ceph).keyring(osd));
      assertEquals(
          Files.readString(layout.keyring(osd)), new DaemonKeys(ceph).keyring(osd), "same key");
      run(commands.osdMkfs(osd, uuid, 2 * CephConf.GIB));
      run(commands.osdMkfs(osd, uuid, 2 * CephConf.GIB)); // a restarted pod: checks, exit 0
      assertEquals(2 * CephConf.GIB, Files.size(layout.dataDir(osd).resolve("block")));
      start(osd, commands.run(osd));
      start(mgr, commands.run(mgr));

      awaitStatus(
          ceph,
          s ->
              s.path("osdmap").path("num_up_osds").asInt() == 1
                  && s.path("mgrmap").path("available").asBoolean(),
          "an OSD up and a mgr available");
      String socket = layout.asokDir().resolve(osd.name() + ".asok").toString();
      run(List.of("ceph", "--admin-daemon", socket, "version")); // the liveness probe

      DashboardSpec dashboard = new DashboardSpec();
      dashboard.enabled = true;
      dashboard.port = 7001;
      new DashboardSettings(ceph).converge(dashboard);
      JsonNode dump = ceph.mon(Map.of("prefix", "config dump"));
      assertTrue(dump.toString().contains("\"mgr/dashboard/server_port\""), dump::toString);
      new FilesystemSettings(ceph).converge("absent", new MetadataServerSpec()); // ENOENT: skip
    }
  }

  @AfterEach
  void stopDaemons() throws InterruptedException {
    for (Process daemon : daemons) {
      daemon.destroy();
    }
    for (Process daemon : daemons) {
      if (!daemon.waitFor(15, TimeUnit.SECONDS)) {
        daemon.destroyForcibly().waitFor();
      }
    }
  }

  private void start(Daemon daemon, List<String> command) throws IOException {
    Path log = temp.resolve(daemon.name() + ".log");
    daemons.add(
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
  }

  private void run(List<String> command) throws Exception {
    Path log = Files.createTempFile(temp, "step", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "timed out: " + command);
    assertEquals(0, process.exitValue(), command + ":\n" + Files.readString(log));
  }

  private static CephConnection connect(Map<Daemon, MonAddress> mons, String key)
      throws InterruptedException {
    List<String> monitors = mons.values().stream().map(MonAddress::plainV2).toList();
    Instant deadline = Instant.now().plus(READY);
    while (true) {
      try {
        return CephConnection.open(
            new ConnectionSpec(monitors, "admin", key, Duration.ofSeconds(5)));
      } catch (RuntimeException e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  private static void awaitStatus(CephCommands ceph, Predicate<JsonNode> ready, String what)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(READY);
    JsonNode status = ceph.mon(Map.of("prefix", "status"));
    while (!ready.test(status)) {
      assertTrue(Instant.now().isBefore(deadline), "no " + what + ": " + status);
      Thread.sleep(500);
      status = ceph.mon(Map.of("prefix", "status"));
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static List<Integer> freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }
}
