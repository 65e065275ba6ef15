package io.strata.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.ceph.ConnectionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Flag parsing and how parameters, secrets and the raw connection are put together. */
class BenchCommandTest {
  private static final String FSID = "b9127830-b0cc-4e34-aa47-9d1a2e9949a8";
  @TempDir Path dir;

  @Test
  void parsesOpsCountsAndRepeatedParameters() {
    BenchCommand bench =
        parse(
            "--endpoint", "unix:///tmp/c.sock",
            "--ops", "create-delete,snapshot",
            "--count", "200",
            "--concurrency", "16",
            "--parameters", "pool=rbd",
            "--parameters", "clusterID=x",
            "--plugin-pid", "10",
            "--plugin-pid", "11");

    assertEquals(List.of(Scenario.CREATE_DELETE, Scenario.SNAPSHOT), bench.scenarios());
    assertEquals(200, bench.count);
    assertEquals(16, bench.concurrency);
    assertEquals(Map.of("pool", "rbd", "clusterID", "x"), bench.parameters);
    assertEquals(List.of(10L, 11L), bench.pluginPids);
    assertEquals(CsiRequests.AccessType.mount, bench.accessType);
  }

  @Test
  void rejectsWhatCannotRun() {
    assertThrows(ParameterException.class, () -> parse("--count", "5").scenarios());
    ParameterException unknown =
        assertThrows(
            ParameterException.class,
            () -> parse("--endpoint", "e.sock", "--ops", "create,snapshot").scenarios());
    assertTrue(unknown.getMessage().contains("unknown op 'create'"), unknown.getMessage());
    ParameterException node =
        assertThrows(
            ParameterException.class,
            () -> parse("--endpoint", "e.sock", "--ops", "stage-publish").scenarios());
    assertEquals("stage-publish needs --node-endpoint", node.getMessage());
    assertThrows(
        ParameterException.class,
        () -> parse("--endpoint", "e.sock", "--concurrency", "0").scenarios());
  }

  @Test
  void flagsWinOverTheFileWhichWinsOverTheClusterDir() throws Exception {
    Path file = Files.writeString(dir.resolve("params.yaml"), "pool: fast\nclusterID: other\n");
    BenchCommand bench =
        parse(
            "--endpoint",
            "e.sock",
            "--parameters-file",
            file.toString(),
            "--parameters",
            "pool=rbd");

    assertEquals(
        Map.of("clusterID", "other", "pool", "rbd"), bench.parameters(Optional.of(clusterDir())));
    assertEquals(
        Map.of("clusterID", FSID),
        parse("--endpoint", "e.sock").parameters(Optional.of(clusterDir())));
  }

  @Test
  void secretsComeFromTheFileOrTheClusterDirsAdmin() throws Exception {
    Path file = Files.writeString(dir.resolve("secrets.yaml"), "userID: csi\nuserKey: SECRET==\n");
    assertEquals(
        Map.of("userID", "csi", "userKey", "SECRET=="),
        parse("--secrets-file", file.toString()).secrets(Optional.of(clusterDir())));
    assertEquals(
        Map.of("userID", "admin", "userKey", "AQADMIN=="),
        parse().secrets(Optional.of(clusterDir())));
    assertEquals(Map.of(), parse().secrets(Optional.empty()));
  }

  @Test
  void rawConnectionFallsBackToSecretsThenClusterDir() throws Exception {
    ClusterDir cluster = clusterDir();
    CsiRequests adminRequests = requests(cluster.adminSecrets());
    ConnectionSpec fromDir = parse("--raw").rawConnection(adminRequests, Optional.of(cluster));
    assertEquals(List.of("127.0.0.1:3300"), fromDir.monitors());
    assertEquals("admin", fromDir.user());
    assertEquals("AQADMIN==", fromDir.key());

    ConnectionSpec flags =
        parse(
                "--ceph-monitors",
                "10.0.0.1:6789,10.0.0.2:6789",
                "--ceph-user",
                "bench",
                "--ceph-key",
                "K")
            .rawConnection(requests(Map.of()), Optional.empty());
    assertEquals(List.of("10.0.0.1:6789", "10.0.0.2:6789"), flags.monitors());
    assertEquals("bench", flags.user());

    assertThrows(
        ParameterException.class,
        () -> parse("--raw").rawConnection(requests(Map.of()), Optional.empty()));
  }

  @Test
  void startupTakesTheCommandAfterDoubleDash() {
    CommandLine line = new CommandLine(new BenchCommand());
    CommandLine.ParseResult result =
        line.parseArgs(
            "startup",
            "--endpoint",
            "unix:///tmp/p.sock",
            "--runs",
            "5",
            "--",
            "strata",
            "controller",
            "--type",
            "rbd");
    StartupCommand startup = (StartupCommand) result.subcommand().commandSpec().userObject();
    assertEquals(List.of("strata", "controller", "--type", "rbd"), startup.command);
    assertEquals(5, startup.runs);
  }

  private BenchCommand parse(String... args) {
    BenchCommand bench = new BenchCommand();
    new CommandLine(bench).parseArgs(args);
    return bench;
  }

  private ClusterDir clusterDir() throws Exception {
    Files.writeString(
        dir.resolve("csi-config.json"),
        "[{\"clusterID\":\"" + FSID + "\",\"monitors\":[\"127.0.0.1:3300\"]}]");
    Files.writeString(
        dir.resolve("client.admin.keyring"),
        "[client.admin]\n\tkey = AQADMIN==\n\tcaps mon = \"allow *\"\n");
    return ClusterDir.read(dir);
  }

  private static CsiRequests requests(Map<String, String> secrets) {
    return new CsiRequests(Map.of(), Map.of(), secrets, CsiRequests.AccessType.mount, null);
  }
}
