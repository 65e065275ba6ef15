package io.strata.node.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.node.exec.FakeRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoopDevicesTest {
  // losetup --list --json --output NAME,BACK-FILE,RO (util-linux 2.38)
  static final String LISTED =
      "{\n   \"loopdevices\": [\n      {\n         \"name\": \"/dev/loop0\","
          + "\n         \"back-file\": \"/state/fuse/k1/img1\",\n         \"ro\": false\n      },"
          + "{\"name\": \"/dev/loop1\", \"back-file\": \"/state/fuse/k2/img2 (deleted)\","
          + " \"ro\": true}\n   ]\n}";
  private static final List<String> LIST =
      List.of("losetup", "--list", "--json", "--output", "NAME,BACK-FILE,RO");

  @Test
  void parsesTheListIncludingDeletedBackingFiles() {
    assertEquals(
        List.of(
            new LoopDevices.LoopDevice("/dev/loop0", "/state/fuse/k1/img1", false, false),
            new LoopDevices.LoopDevice("/dev/loop1", "/state/fuse/k2/img2", true, true)),
        LoopDevices.parse(LISTED));
    assertEquals(List.of(), LoopDevices.parse("{\"loopdevices\": [\n\n]}"));
    assertEquals(List.of(), LoopDevices.parse(""));
  }

  @Test
  void attachesWithDirectIoUnlessAlreadyAttached() {
    FakeRunner runner =
        new FakeRunner().onOk(LIST, LISTED).onOk(List.of("losetup", "--find"), "/dev/loop2\n");
    LoopDevices loops = new LoopDevices(runner);
    assertEquals("/dev/loop0", loops.attach(Path.of("/state/fuse/k1/img1"), false));
    assertEquals("/dev/loop2", loops.attach(Path.of("/state/fuse/k3/img3"), true));
    assertEquals(
        List.of(
            "losetup", "--find", "--show", "--direct-io=on", "--read-only", "/state/fuse/k3/img3"),
        runner.argvs().get(2));
  }

  @Test
  void detachesOnlyListedDevicesAndRefreshesSize() {
    FakeRunner runner = new FakeRunner().onOk(LIST, LISTED);
    LoopDevices loops = new LoopDevices(runner);
    loops.detach("/dev/loop0");
    loops.detach("/dev/loop5");
    loops.refreshSize("/dev/loop0");
    assertEquals(
        List.of(
            LIST,
            List.of("losetup", "--detach", "/dev/loop0"),
            LIST,
            List.of("losetup", "--set-capacity", "/dev/loop0")),
        runner.argvs());
    assertEquals(Optional.empty(), loops.find(Path.of("/other")));
  }
}
