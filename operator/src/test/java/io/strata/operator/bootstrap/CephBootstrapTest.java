package io.strata.operator.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.ceph.CephRelease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of the one-time steps, on a runtime that records them and whose monitor dies. */
class CephBootstrapTest {
  private static final CephRelease PACIFIC = new CephRelease(16, 2, 15);
  private final ClusterLayout layout = new ClusterLayout(Path.of("/srv/c1"));
  private final List<String> steps = new ArrayList<>();
  private final List<Path> secrets = new ArrayList<>();

  private final CephRuntime runtime =
      new CephRuntime() {
        @Override
        public void createDirectories(List<Path> directories) {
          steps.add("mkdir");
        }

        @Override
        public void writeFile(Path file, String content, boolean secret) {
          steps.add("write " + layout.root().relativize(file));
          if (secret) {
            secrets.add(file);
          }
        }

        @Override
        public void run(String name, List<String> command, Duration timeout) {
          steps.add("run " + name);
        }

        @Override
        public void start(Daemon daemon, List<String> command) {
          steps.add("start " + daemon);
        }

        @Override
        public boolean isRunning(Daemon daemon) {
          return false; // started, then exited at once
        }

        @Override
        public String diagnose(Daemon daemon) {
          return "see /srv/c1/log/" + daemon + ".log";
        }
      };

  @Test
  void writesKeysAndConfigThenMakesTheMonitorAndFailsFastWhenItExits() {
    CephBootstrap bootstrap =
        new CephBootstrap(layout, runtime, ServiceNames.DEFAULT, Duration.ofMinutes(1));
    CephConf conf = CephConf.singleNode("f-s-i-d", new MonAddress("127.0.0.1", 1, 2), layout);
    ClusterKeys keys = ClusterKeys.generate(new CephxKey(), CephBootstrap.DAEMONS, PACIFIC);

    long start = System.nanoTime();
    BootstrapException failure =
        assertThrows(BootstrapException.class, () -> bootstrap.create(conf, keys, PACIFIC));

    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "did not fail fast");
    assertEquals("mon.a exited: see /srv/c1/log/mon.a.log", failure.getMessage());
    assertFalse(failure.getMessage().contains(keys.adminKey()));
    assertEquals(
        List.of(
            "mkdir",
            "write ceph.conf",
            "write mon.keyring",
            "write client.admin.keyring",
            "write mgr/x/keyring",
            "write osd/0/keyring",
            "write mds/a/keyring",
            "run monmaptool",
            "run mon mkfs",
            "start mon.a"),
        steps);
    assertEquals(5, secrets.size());
    assertFalse(secrets.contains(layout.conf()));
  }
}
