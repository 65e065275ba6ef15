package io.strata.operator.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CephPackagesTest {
  @TempDir Path dir;

  @Test
  void namesTheDebianPackagesOfWhatIsMissing() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path lib = Files.createDirectories(dir.resolve("lib"));
    for (String file : List.of("ceph-mon", "ceph-mgr", "ceph-osd", "rbd-fuse")) {
      Files.createFile(bin.resolve(file));
    }
    Files.createFile(lib.resolve("librados.so"));
    Files.createFile(lib.resolve("librbd.so.1")); // the runtime library is not enough for JNA

    CephPackages packages = new CephPackages(List.of(bin), List.of(lib));

    assertEquals(
        List.of("ceph-mds", "ceph-base", "ceph-fuse", "librbd-dev"), packages.missingPackages());
  }

  @Test
  void nothingMissingWhenEverythingIsThere() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (CephPackages.Requirement requirement : CephPackages.REQUIRED) {
      Files.createFile(bin.resolve(requirement.file()));
    }
    assertEquals(List.of(), new CephPackages(List.of(bin), List.of(bin)).missingPackages());
  }

  @Test
  void installsNonInteractivelyAfterAnUpdate() {
    assertEquals(
        List.of(
            List.of("apt-get", "update"),
            List.of("apt-get", "install", "-y", "--no-install-recommends", "ceph-mds", "rbd-fuse")),
        CephPackages.installCommands(List.of("ceph-mds", "rbd-fuse")));
  }

  @Test
  void multiarchDirectories() {
    assertEquals("x86_64-linux-gnu", CephPackages.multiarch("amd64"));
    assertEquals("aarch64-linux-gnu", CephPackages.multiarch("aarch64"));
  }
}
