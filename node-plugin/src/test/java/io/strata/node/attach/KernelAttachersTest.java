package io.strata.node.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.ceph.ConnectionSpec;
import io.strata.node.exec.FakeRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact commands krbd and rbd-nbd attach with; they cannot run on the dev VM. */
class KernelAttachersTest {
  private static final String KEY = "AQBx5ilnAAAAABAAkqNWBx+Xn0iWx5ZIVkCeHw==";
  private static final ConnectionSpec USER =
      new ConnectionSpec(List.of("10.0.0.1:6789", "10.0.0.2:6789"), "csi-rbd-node", KEY);
  private static final ImageSpec IMAGE = new ImageSpec("rbd", "ns", "csi-vol-1");
  @TempDir Path keys;
  private final CephArgs cephArgs = new CephArgs(Path.of("/dev/null"), Duration.ofSeconds(30));
  private final List<String> keysSeen = new ArrayList<>();

  private FakeRunner runner(String listJson, String mapOutput) {
    return new FakeRunner()
        .onOk(List.of("rbd", "showmapped"), listJson)
        .onOk(List.of("rbd-nbd", "list-mapped"), listJson)
        .on(List.of("rbd", "map"), c -> mapped(c, mapOutput))
        .on(List.of("rbd-nbd", "map"), c -> mapped(c, mapOutput));
  }

  private FakeRunner.Answer mapped(io.strata.node.exec.Command c, String output) {
    Path keyFile = Path.of(c.argv().get(c.argv().indexOf("--keyfile") + 1));
    try {
      keysSeen.add(Files.readString(keyFile));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return new FakeRunner.Answer(0, output, "");
  }

  @Test
  void krbdMapsWithUserMonitorsKeyFileAndOptions() {
    FakeRunner runner = runner("[]", "/dev/rbd0\n");
    MappingAttacher krbd = MappingAttacher.krbd(runner, cephArgs, keys);
    Attachment a =
        krbd.attach(
            new AttachRequest(
                "k", IMAGE, USER, "krbd:lock_on_read,queue_depth=1024;nbd:try-netlink", true));
    assertEquals(Attachment.kernel(AttachMethod.KRBD, "/dev/rbd0", IMAGE), a);
    List<String> map = runner.argvsOf("rbd").get(1);
    String keyFile = map.get(map.indexOf("--keyfile") + 1);
    assertEquals(
        List.of(
            "rbd",
            "map",
            "rbd/ns/csi-vol-1",
            "-c",
            "/dev/null",
            "--id",
            "csi-rbd-node",
            "-m",
            "10.0.0.1:6789,10.0.0.2:6789",
            "--keyfile",
            keyFile,
            "--auth_client_required=cephx",
            "--client_mount_timeout=30",
            "--read-only",
            "--options",
            "lock_on_read,queue_depth=1024"),
        map);
    assertEquals(List.of(KEY), keysSeen);
    assertFalse(Files.exists(Path.of(keyFile)), "key file must be gone after map");
    assertTrue(runner.commands.stream().noneMatch(c -> c.argv().contains(KEY)));
  }

  @Test
  void krbdReusesAnExistingMappingAndUnmapsOnlyWhatIsMapped() {
    String listed =
        "[{\"id\":\"0\",\"pool\":\"rbd\",\"namespace\":\"ns\",\"name\":\"csi-vol-1\","
            + "\"snap\":\"-\",\"device\":\"/dev/rbd7\"}]";
    FakeRunner runner = runner(listed, "");
    MappingAttacher krbd = MappingAttacher.krbd(runner, cephArgs, keys);
    Attachment a = krbd.attach(new AttachRequest("k", IMAGE, USER, "", false));
    assertEquals("/dev/rbd7", a.device());
    assertEquals(java.util.Optional.empty(), krbd.problem(a));
    krbd.detach(a);
    krbd.detach(Attachment.kernel(AttachMethod.KRBD, "/dev/rbd9", IMAGE));
    assertEquals(
        List.of(
            List.of("rbd", "showmapped", "--format", "json"),
            List.of("rbd", "showmapped", "--format", "json"),
            List.of("rbd", "showmapped", "--format", "json"),
            List.of("rbd", "unmap", "/dev/rbd7"),
            List.of("rbd", "showmapped", "--format", "json")),
        runner.argvs());
    assertTrue(krbd.problem(Attachment.kernel(AttachMethod.KRBD, "/dev/rbd9", IMAGE)).isPresent());
  }

  @Test
  void nbdMapsWithOptionsAsFlags() {
    FakeRunner runner = runner("[]", "/dev/nbd0\n");
    MappingAttacher nbd = MappingAttacher.nbd(runner, cephArgs, keys);
    Attachment a =
        nbd.attach(
            new AttachRequest(
                "k", IMAGE, USER, "krbd:noshare;nbd:try-netlink,io-timeout=30", false));
    assertEquals(Attachment.kernel(AttachMethod.RBD_NBD, "/dev/nbd0", IMAGE), a);
    List<String> map = runner.argvsOf("rbd-nbd").get(1);
    String keyFile = map.get(map.indexOf("--keyfile") + 1);
    assertEquals(
        List.of(
            "rbd-nbd",
            "map",
            "rbd/ns/csi-vol-1",
            "-c",
            "/dev/null",
            "--id",
            "csi-rbd-node",
            "-m",
            "10.0.0.1:6789,10.0.0.2:6789",
            "--keyfile",
            keyFile,
            "--auth_client_required=cephx",
            "--client_mount_timeout=30",
            "--try-netlink",
            "--io-timeout",
            "30"),
        map);
    assertEquals(List.of(KEY), keysSeen);
    assertFalse(Files.exists(Path.of(keyFile)));
  }

  @Test
  void nbdUnmapsByDeviceWhenItsDaemonStillServesIt() {
    FakeRunner runner = runner(MappedDevicesTest.NBD, "");
    MappingAttacher nbd = MappingAttacher.nbd(runner, cephArgs, keys);
    Attachment a =
        Attachment.kernel(
            AttachMethod.RBD_NBD, "/dev/nbd0", new ImageSpec("rbd", "ns1", "csi-vol-2"));
    assertEquals(java.util.Optional.empty(), nbd.problem(a));
    nbd.detach(a);
    assertEquals(List.of("rbd-nbd", "unmap", "/dev/nbd0"), runner.argvs().get(2));
  }
}
