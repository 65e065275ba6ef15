package io.strata.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.strata.csi.CsiException;
import io.strata.csi.Failures;
import io.strata.node.exec.FakeRunner;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import io.strata.node.state.AccessType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Publish and unpublish against real files, with the mount table and mount tools faked. */
class VolumePublisherTest {
  private static final String ROOT = "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n";

  @TempDir Path dir;
  private Path mountInfo;
  private Path staging;
  private final FakeRunner runner = new FakeRunner();

  @BeforeEach
  void setUp() throws IOException {
    mountInfo = Files.writeString(dir.resolve("mountinfo"), ROOT);
    staging = Files.createDirectories(dir.resolve("staging"));
    // umount takes the mount at its path out of the table, as the kernel would
    runner.on(
        List.of("umount"),
        c -> {
          try {
            String at = " " + c.argv().get(c.argv().size() - 1) + " ";
            List<String> kept =
                Files.readAllLines(mountInfo).stream().filter(l -> !l.contains(at)).toList();
            Files.write(mountInfo, kept);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
          return new FakeRunner.Answer(0, "", "");
        });
  }

  private VolumePublisher publisher(AccessType type) {
    Path staged = type == AccessType.BLOCK ? staging.resolve("dev") : staging;
    StagedVolume volume = new StagedVolume("v", staging, staged, type, "/dev/loop0", true);
    return new VolumePublisher(
        new OneVolume(volume), new Mounter(runner), new MountTable(mountInfo));
  }

  private PublishParams params(AccessType type, Path target) {
    return new PublishParams("v", staging, target, type, List.of(), false);
  }

  @Test
  void refusesToMountAFilesystemOverAFileAndTouchesNothing() throws IOException {
    Path target = Files.writeString(dir.resolve("passwd"), "root:x:0:0::/root:/bin/sh\n");
    String message =
        refused(() -> publisher(AccessType.MOUNT).publish(params(AccessType.MOUNT, target)));
    assertEquals(
        "target path "
            + target
            + " exists and is not a directory (it is a file with data); a filesystem volume is"
            + " published on a directory",
        message);
    assertEquals("root:x:0:0::/root:/bin/sh\n", Files.readString(target));
    assertEquals(List.of(), runner.argvs());
  }

  @Test
  void refusesASymbolicLinkEvenToADirectory() throws IOException {
    Path target =
        Files.createSymbolicLink(dir.resolve("link"), Files.createDirectory(dir.resolve("d")));
    String message =
        refused(() -> publisher(AccessType.MOUNT).publish(params(AccessType.MOUNT, target)));
    assertTrue(message.contains("(it is a symbolic link)"), message);
    assertEquals(List.of(), runner.argvs());
  }

  @Test
  void refusesABlockVolumeOnADirectoryOrAFileWithData() throws IOException {
    Path directory = Files.createDirectory(dir.resolve("directory"));
    Path data = Files.writeString(dir.resolve("data"), "data");
    VolumePublisher publisher = publisher(AccessType.BLOCK);
    assertEquals(
        "target path "
            + directory
            + " exists and is a directory; a block volume is published on a file",
        refused(() -> publisher.publish(params(AccessType.BLOCK, directory))));
    assertTrue(
        refused(() -> publisher.publish(params(AccessType.BLOCK, data)))
            .contains("is not an empty file (it is a file with data)"));
    assertEquals("data", Files.readString(data));
    assertEquals(List.of(), runner.argvs());
  }

  @Test
  void aBlockVolumeIsBoundOnAFileItCreatesOrAnEmptyOneFromAnEarlierTry() throws IOException {
    Path target = dir.resolve("pod/volumes/pv");
    VolumePublisher publisher = publisher(AccessType.BLOCK);
    publisher.publish(params(AccessType.BLOCK, target));
    assertTrue(Files.isRegularFile(target));
    publisher.publish(params(AccessType.BLOCK, target));
    List<String> bind =
        List.of("mount", "--bind", staging.resolve("dev").toString(), target.toString());
    assertEquals(List.of(bind, bind), runner.argvs());
  }

  @Test
  void aFilesystemVolumeIsBoundOnADirectoryItCreates() {
    Path target = dir.resolve("pod/volumes/pv/mount");
    publisher(AccessType.MOUNT).publish(params(AccessType.MOUNT, target));
    assertTrue(Files.isDirectory(target));
    assertEquals(
        List.of(List.of("mount", "--bind", staging.toString(), target.toString())), runner.argvs());
  }

  @Test
  void aTargetUnderAFileIsRefusedInWords() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");
    String message =
        refused(() ->
            publisher(AccessType.MOUNT).publish(params(AccessType.MOUNT, file.resolve("mount"))));
    assertTrue(message.contains(file.toString()), message);
  }

  @Test
  void unpublishIsDoneOnceNothingIsMountedEvenIfFilesAreLeft() throws IOException {
    Path target = Files.createDirectories(dir.resolve("target"));
    Files.writeString(target.resolve("left-by-someone"), "x");
    Files.writeString(mountInfo, ROOT + "9 1 7:0 / " + target + " rw - ext4 /dev/loop0 rw\n");
    VolumePublisher publisher = publisher(AccessType.MOUNT);
    publisher.unpublish("v", target);
    publisher.unpublish("v", target);
    assertEquals(List.of(List.of("umount", target.toString())), runner.argvs());
    assertTrue(Files.exists(target.resolve("left-by-someone")), "not ours to remove");
  }

  @Test
  void unpublishRemovesTheEmptyDirectoryOrFilePublishMadeAndLeavesData() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path file = Files.createFile(dir.resolve("file"));
    Path data = Files.writeString(dir.resolve("data"), "data");
    VolumePublisher publisher = publisher(AccessType.MOUNT);
    publisher.unpublish("v", empty);
    publisher.unpublish("v", file);
    publisher.unpublish("v", data);
    assertFalse(Files.exists(empty));
    assertFalse(Files.exists(file));
    assertEquals("data", Files.readString(data));
  }

  /** FAILED_PRECONDITION, and a message a client sees with no Java class name in it. */
  private static String refused(Executable call) {
    CsiException e = assertThrows(CsiException.class, call);
    assertEquals(Status.Code.FAILED_PRECONDITION, e.code(), e.getMessage());
    String seen = Failures.toStatus(e).getDescription();
    assertFalse(seen.contains("Exception"), seen);
    return seen;
  }

  /** A backend that has staged one volume and does nothing else. */
  private record OneVolume(StagedVolume volume) implements NodeBackend {
    @Override
    public AccessRules rules() {
      return AccessRules.RBD;
    }

    @Override
    public void stage(StageParams params) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void unstage(String volumeId, Path stagingPath) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<StagedVolume> find(String volumeId) {
      return Optional.of(volume).filter(v -> v.volumeId().equals(volumeId));
    }

    @Override
    public Optional<String> problem(StagedVolume volume) {
      return Optional.empty();
    }

    @Override
    public boolean expands() {
      return false;
    }

    @Override
    public long expand(String volumeId, Path volumePath) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<StartupFinding> startUp() {
      return List.of();
    }
  }
}
