package io.strata.test.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The base workloads with the sidecars the components add: plugin args the real command accepts,
 * sockets every sidecar dials, kubelet paths that agree, and the rest of {@link PodSuite}.
 */
class WorkloadsTest {
  static List<Workload> assembledBase() {
    List<Manifest> base =
        Manifest.all().stream().filter(m -> m.file().startsWith(Repo.BASE)).toList();
    List<SidecarComponents.Patch> patches = SidecarComponents.of(Repo.BASE);
    return Workload.of(base).stream().map(w -> SidecarComponents.assemble(w, patches)).toList();
  }

  @Test
  void assembledBasePodsPassEveryPodCheck() {
    List<Workload> pods = assembledBase();
    assertEquals(5, pods.size(), "two controllers, two node DaemonSets, the FUSE holder");
    assertEquals(List.of(), PodSuite.check(pods));
  }

  /** Each component patch targets at least one workload of the base. */
  @Test
  void everyComponentPatchReachesAWorkload() {
    List<Workload> base =
        Workload.of(Manifest.all().stream().filter(m -> m.file().startsWith(Repo.BASE)).toList());
    for (SidecarComponents.Patch patch : SidecarComponents.of(Repo.BASE)) {
      assertEquals(
          true,
          base.stream().anyMatch(patch::targets),
          Repo.relative(patch.file()) + " targets nothing");
    }
  }
}
