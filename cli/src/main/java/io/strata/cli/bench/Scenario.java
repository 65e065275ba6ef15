package io.strata.cli.bench;

import java.util.Arrays;

/**
 * What one iteration of a run does. A scenario may first make a fixture (a source volume, a
 * snapshot) with untimed steps; the ledger removes it after the run like everything else.
 */
enum Scenario {
  /** CreateVolume, DeleteVolume. */
  CREATE_DELETE("create-delete") {
    @Override
    void iterate(Steps steps, Fixture fixture, String name) {
      steps.deleteVolume(steps.createVolume(name));
    }
  },
  /** CreateSnapshot, DeleteSnapshot of one source volume. */
  SNAPSHOT("snapshot") {
    @Override
    Fixture setUp(Steps steps, String prefix) {
      return new Fixture(steps.createVolume(prefix + "-src"), null);
    }

    @Override
    void iterate(Steps steps, Fixture fixture, String name) {
      steps.deleteSnapshot(steps.createSnapshot(fixture.volume(), name));
    }
  },
  /** CreateVolume from one snapshot, DeleteVolume. */
  CLONE_FROM_SNAPSHOT("clone-from-snapshot") {
    @Override
    Fixture setUp(Steps steps, String prefix) {
      Volume source = steps.createVolume(prefix + "-src");
      return new Fixture(source, steps.createSnapshot(source, prefix + "-snap"));
    }

    @Override
    void iterate(Steps steps, Fixture fixture, String name) {
      steps.deleteVolume(steps.createVolumeFromSnapshot(name, fixture.snapshotId()));
    }
  },
  /** CreateVolume, [ControllerPublish], [NodeStage], NodePublish and back, DeleteVolume. */
  STAGE_PUBLISH("stage-publish") {
    @Override
    void iterate(Steps steps, Fixture fixture, String name) {
      Volume volume = steps.createVolume(name);
      steps.makeUsable(volume);
      steps.release(volume);
      steps.deleteVolume(volume);
    }

    @Override
    boolean needsNode() {
      return true;
    }
  };

  /** What setUp made for every iteration to use; fields a scenario does not need are null. */
  record Fixture(Volume volume, String snapshotId) {}

  private final String flag;

  Scenario(String flag) {
    this.flag = flag;
  }

  /** The name on the command line and in reports. */
  String flag() {
    return flag;
  }

  Fixture setUp(Steps steps, String prefix) {
    return new Fixture(null, null);
  }

  abstract void iterate(Steps steps, Fixture fixture, String name);

  boolean needsNode() {
    return false;
  }

  static Scenario parse(String flag) {
    return Arrays.stream(values())
        .filter(s -> s.flag.equals(flag.strip()))
        .findFirst()
        .orElseThrow(() ->
            new IllegalArgumentException(
                "unknown op '"
                    + flag
                    + "'; use "
                    + String.join(", ", Arrays.stream(values()).map(s -> s.flag).toList())));
  }
}
