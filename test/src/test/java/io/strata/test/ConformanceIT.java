package io.strata.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.cli.LocalStack.Plugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CSI conformance suite, csi-sanity (kubernetes-csi/csi-test), against the one-socket plugin
 * ({@code strata plugin}) of each backend, which serves Identity, Controller and Node on one
 * socket: csi-sanity reads plugin capabilities from its node endpoint and runs the node lifecycle
 * specs only when that endpoint advertises CONTROLLER_SERVICE. Each run starts its plugin and stops
 * it after, so the other suites pay for no extra JVM.
 *
 * <p>Runs only when csi-sanity is found: {@code $CSI_SANITY}, or {@code csi-sanity} on PATH;
 * otherwise each run is skipped with one line saying so. Extra csi-sanity flags (e.g. {@code
 * -ginkgo.v -ginkgo.randomize-all}) come from the system property {@code strata.sanity.args} or the
 * environment variable {@code STRATA_SANITY_ARGS}, split at white space. Each run's output is kept
 * in {@code target/csi-sanity/RUN.log}.
 */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
class ConformanceIT {
  private static final Pattern SUMMARY =
      Pattern.compile("(\\d+) Passed \\| (\\d+) Failed \\| (\\d+) Pending \\| (\\d+) Skipped");
  private static final Path LOGS = Path.of("target", "csi-sanity");
  private static final List<String> SECRET_KINDS =
      List.of(
          "CreateVolume",
          "DeleteVolume",
          "ControllerValidateVolumeCapabilities",
          "NodeStageVolume",
          "NodePublishVolume",
          "ControllerExpandVolume",
          "ControllerModifyVolume",
          "CreateSnapshot",
          "DeleteSnapshot",
          "ListSnapshots");

  /** The runs: a backend's one-socket plugin and the access type. */
  enum Run {
    RBD_MOUNT(Plugin.RBD_PLUGIN, "mount"),
    RBD_BLOCK(Plugin.RBD_PLUGIN, "block"),
    CEPHFS(Plugin.CEPHFS_PLUGIN, "mount");

    final Plugin plugin;
    final String accessType;

    Run(Plugin plugin, String accessType) {
      this.plugin = plugin;
      this.accessType = accessType;
    }
  }

  private final LocalStackExtension.Stack stack;
  @TempDir Path dir;

  ConformanceIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
  }

  @ParameterizedTest
  @EnumSource(Run.class)
  void csiSanityPasses(Run run) throws Exception {
    Optional<Path> sanity = csiSanity();
    assumeTrue(sanity.isPresent(), "csi-sanity not found (set CSI_SANITY or put it on PATH)");
    String endpoint = stack.start(run.plugin).uri();
    try {
      sanity(sanity.get(), run, endpoint);
    } finally {
      stack.stop(run.plugin);
    }
  }

  private void sanity(Path sanity, Run run, String endpoint) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(sanity.toString());
    command.addAll(List.of("-csi.endpoint", endpoint));
    command.addAll(List.of("-csi.controllerendpoint", endpoint));
    command.addAll(List.of("-csi.secrets", secretsFile().toString()));
    command.addAll(List.of("-csi.testvolumeparameters", parametersFile(run).toString()));
    command.addAll(List.of("-csi.testvolumesize", Long.toString(64L << 20)));
    command.addAll(List.of("-csi.testvolumeexpandsize", Long.toString(128L << 20)));
    command.addAll(List.of("-csi.testvolumeaccesstype", run.accessType));
    command.addAll(List.of("-csi.stagingdir", dir.resolve("staging").toString()));
    command.addAll(List.of("-csi.mountdir", dir.resolve("mount").toString()));
    command.add("-ginkgo.no-color");
    if (run != Run.CEPHFS) {
      Path mutable =
          Files.writeString(dir.resolve("mutable.yaml"), "rbd_qos_iops_limit: \"100\"\n");
      command.addAll(List.of("-csi.testvolumemutableparameters", mutable.toString()));
    }
    command.addAll(extraArgs());
    Path log = Files.createDirectories(LOGS).resolve(run + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(process.waitFor(20, TimeUnit.MINUTES), "csi-sanity finished");
    String output = Files.readString(log);
    Matcher summary = SUMMARY.matcher(output);
    assertTrue(summary.find(), () -> "no csi-sanity summary in:\n" + output);
    System.out.printf(
        "csi-sanity %s: %s passed, %s failed, %s pending, %s skipped (%s)%n",
        run,
        summary.group(1),
        summary.group(2),
        summary.group(3),
        summary.group(4),
        log.toAbsolutePath());
    assertEquals("0", summary.group(2), () -> run + " failures:\n" + output);
    assertEquals(0, process.exitValue(), output);
  }

  /** Extra csi-sanity flags from {@code -Dstrata.sanity.args} or {@code $STRATA_SANITY_ARGS}. */
  private static List<String> extraArgs() {
    String args = System.getProperty("strata.sanity.args", System.getenv("STRATA_SANITY_ARGS"));
    if (args == null || args.isBlank()) {
      return List.of();
    }
    return List.of(args.strip().split("\\s+"));
  }

  private static Optional<Path> csiSanity() {
    String configured = System.getenv("CSI_SANITY");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .filter(p -> !p.isEmpty())
        .map(p -> Path.of(p, "csi-sanity"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private Path secretsFile() throws IOException {
    StringBuilder yaml = new StringBuilder();
    for (String kind : SECRET_KINDS) {
      yaml.append(kind)
          .append("Secret: {userID: admin, userKey: \"")
          .append(stack.cluster().adminKey())
          .append("\"}\n");
    }
    return Files.writeString(dir.resolve("secrets.yaml"), yaml);
  }

  private Path parametersFile(Run run) throws IOException {
    String location =
        run == Run.CEPHFS
            ? "fsName: " + stack.cluster().fsName()
            : "pool: " + stack.cluster().rbdPool();
    return Files.writeString(
        dir.resolve("parameters.yaml"),
        "clusterID: " + stack.cluster().fsid() + "\n" + location + "\n");
  }
}
