package io.strata.node.cephfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.ceph.ConnectionSpec;
import io.strata.node.exec.Command;
import io.strata.node.exec.FakeRunner;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact mount the kernel client gets; the dev VM has no ceph module to run it. */
class KernelMounterTest {
  private static final String KEY = "AQBx5ilnAAAAABAAkqNWBx+Xn0iWx5ZIVkCeHw==";
  private static final ConnectionSpec USER =
      new ConnectionSpec(List.of("10.0.0.1:6789", "10.0.0.2:6789"), "csi-cephfs-node", KEY);
  @TempDir Path dir;
  private final List<String> keysSeen = new ArrayList<>();

  static CephFsRecord record(String staging, List<String> options, boolean readOnly) {
    return new CephFsRecord(
        CephFsRecord.FORMAT,
        "vol-1",
        staging,
        "c1",
        "strata-fs",
        "/volumes/csi/csi-vol-1/6de99137",
        "",
        "kernel",
        "csi-cephfs-node",
        options,
        readOnly,
        0,
        "2026-11-25T00:00:00Z");
  }

  private FakeRunner.Answer readKey(Command c) {
    String options = c.argv().get(c.argv().indexOf("-o") + 1);
    String file = options.split("secretfile=")[1].split(",")[0];
    try {
      keysSeen.add(Files.readString(Path.of(file)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new FakeRunner.Answer(0, "", "");
  }

  @Test
  void mountsTheSubvolumeWithNameSecretFileAndFilesystem() throws Exception {
    FakeRunner runner = new FakeRunner().on(List.of("mount"), this::readKey);
    Files.writeString(dir.resolve("mountinfo"), "");
    KernelMounter kernel =
        new KernelMounter(
            new Mounter(runner), new MountTable(dir.resolve("mountinfo")), dir.resolve("keys"));
    assertEquals(0, kernel.mount(record("/k/globalmount", List.of("noatime", "ro"), true), USER));
    List<String> argv = runner.argvs().get(0);
    String options = argv.get(argv.indexOf("-o") + 1);
    String keyFile = options.split("secretfile=")[1].split(",")[0];
    assertEquals(
        List.of(
            "mount",
            "-t",
            "ceph",
            "-o",
            "name=csi-cephfs-node,secretfile=" + keyFile + ",mds_namespace=strata-fs,noatime,ro",
            "10.0.0.1:6789,10.0.0.2:6789:/volumes/csi/csi-vol-1/6de99137",
            "/k/globalmount"),
        argv);
    assertTrue(keyFile.startsWith(dir.resolve("keys").toString()), keyFile);
    assertEquals(List.of(KEY), keysSeen);
    assertFalse(Files.exists(Path.of(keyFile)), "the key file must be gone after mount");
    assertTrue(runner.commands.stream().noneMatch(c -> String.join(" ", c.argv()).contains(KEY)));
  }

  @Test
  void mountsOnceAndUnmountsWhatIsThere() throws Exception {
    FakeRunner runner = new FakeRunner();
    Path table = dir.resolve("mountinfo");
    Files.writeString(
        table,
        "40 27 0:50 /volumes/csi/x /k/globalmount rw - ceph 10.0.0.1:6789:/volumes/csi/x rw\n");
    KernelMounter kernel =
        new KernelMounter(new Mounter(runner), new MountTable(table), dir.resolve("keys"));
    CephFsRecord record = record("/k/globalmount", List.of(), false);
    assertTrue(kernel.isMounted(Path.of("/k/globalmount")));
    assertEquals(0, kernel.mount(record, USER));
    assertEquals(List.of(), runner.argvs(), "already mounted: nothing to run");
    assertEquals(java.util.Optional.empty(), kernel.problem(record));
    Files.writeString(table, "");
    assertTrue(kernel.problem(record).isPresent());
  }
}
