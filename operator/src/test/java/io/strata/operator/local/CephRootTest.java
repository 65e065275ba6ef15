package io.strata.operator.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CephRootTest {
  @TempDir Path temp;

  @Test
  void aBlankFlagMeansTheHostsCeph() {
    assertEquals(Optional.empty(), CephRoot.of(null));
    assertEquals(Optional.empty(), CephRoot.of(" "));
    assertEquals(Optional.of(new CephRoot(Path.of("/var/tmp/r20"))), CephRoot.of("/var/tmp/r20/"));
  }

  @Test
  void clustersOfEachRootGetADirectoryOfTheirOwn() {
    Path base = Path.of("/work/target/strata-it");
    assertEquals(base, CephRoot.directoryFor(base, Optional.empty()));
    assertEquals(
        Path.of("/work/target/strata-it-ceph-forky"),
        CephRoot.directoryFor(base, CephRoot.of("/var/tmp/ceph-forky")));
  }

  @Test
  void wrapsADaemonWithTheRootAsSlashAndTheClusterDirectoryAtItsOwnPath() {
    List<String> argv =
        new CephRoot(Path.of("/r")).wrap(List.of("ceph-mon", "-f"), Path.of("/srv/c1"));
    assertEquals("bwrap", argv.get(0));
    assertEquals(List.of("--bind", "/r", "/"), argv.subList(1, 4));
    String joined = String.join(" ", argv);
    assertTrue(joined.contains("--bind /srv/c1 /srv/c1"), joined);
    assertTrue(joined.contains("--chdir /"), joined);
    assertEquals(List.of("--", "ceph-mon", "-f"), argv.subList(argv.size() - 3, argv.size()));
  }

  @Test
  void aDirectoryWithoutTheDaemonsSaysHowToMakeARoot() throws IOException {
    Files.createDirectories(temp.resolve("usr/bin"));
    Files.writeString(temp.resolve("usr/bin/ceph-mon"), "");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new CephRoot(temp).check());
    assertTrue(e.getMessage().contains("no usr/bin/ceph-mgr, usr/bin/ceph-osd"), e.getMessage());
    assertTrue(e.getMessage().contains("deploy/image/build --image ceph"), e.getMessage());
    for (String daemon : List.of("ceph-mgr", "ceph-osd", "ceph-mds")) {
      Files.writeString(temp.resolve("usr/bin").resolve(daemon), "");
    }
    new CephRoot(temp).check();
  }
}
