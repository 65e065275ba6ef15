package io.strata.operator.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LocalProcessesTest {
  @TempDir Path dir;
  private LocalProcesses processes;

  private LocalProcesses processes() {
    if (processes == null) {
      processes = new LocalProcesses(dir.resolve("run"), dir.resolve("log"));
    }
    return processes;
  }

  @AfterEach
  void stopEverything() {
    List<String> names = processes().list().stream().map(LocalProcesses.Entry::name).toList();
    processes().stop(names, Duration.ofSeconds(5));
  }

  @Test
  void startsDetachedWithPidFileAndLogThenStops() throws Exception {
    long pid = processes().start("sleeper", List.of("sh", "-c", "echo started; exec sleep 60"));

    assertTrue(processes().isRunning("sleeper"));
    assertEquals(Long.toString(pid), Files.readAllLines(processes().pidFile("sleeper")).get(0));
    assertEquals(List.of(new LocalProcesses.Entry("sleeper", pid, true)), processes().list());
    ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
    awaitLog("sleeper", "started");
    // setsid and sh exec in place: the recorded PID ends up running sleep itself.
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!handle.info().command().orElse("").endsWith("sleep") && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertTrue(handle.info().command().orElse("").endsWith("sleep"), "PID is not the process");

    processes().stop(List.of("sleeper"), Duration.ofSeconds(5));
    assertFalse(handle.isAlive());
    assertFalse(processes().isRunning("sleeper"));
    assertFalse(Files.exists(processes().pidFile("sleeper")));
  }

  @Test
  void killsWhatIgnoresSigtermChildrenIncluded() throws Exception {
    long pid =
        processes()
            .start(
                "stubborn",
                List.of("sh", "-c", "trap '' TERM; sleep 60 & echo child=$!; wait; sleep 60"));
    long child = childPid("stubborn");
    List<String> warnings =
        warningsDuring(() -> processes().stop(List.of("stubborn"), Duration.ofMillis(300)));
    assertFalse(alive(pid));
    assertFalse(alive(child), "the child ignoring SIGTERM survived");
    for (long killed : List.of(pid, child)) {
      String warning = warningAbout(warnings, killed);
      String seconds = warning.replaceAll(".* by ([0-9.]+) s;.*", "$1");
      assertTrue(Double.parseDouble(seconds) >= 0.3, "measured from its SIGTERM: " + warning);
    }
  }

  @Test
  void aProcessSpawnedAfterTheSigtermIsNotSaidToHaveOutlivedIt() throws Exception {
    // on SIGTERM the shell starts one more process and leaves: that one never got a SIGTERM
    processes()
        .start(
            "leaver",
            List.of(
                "sh",
                "-c",
                "trap 'sleep 60 & echo child=$!; exit' TERM; echo ready; while :; do sleep 0.05;"
                    + " done"));
    awaitLog("leaver", "ready");
    List<String> warnings =
        warningsDuring(() -> processes().stop(List.of("leaver"), Duration.ofSeconds(5)));
    long child = childPid("leaver");
    assertFalse(alive(child), "what the stopping process spawned survived");
    assertEquals(
        "PID "
            + child
            + " was not sent SIGTERM (it joined a stopping session, or the signal failed); killing it",
        warningAbout(warnings, child));
  }

  @Test
  void aKillWarningSaysOnlyWhatIsKnownOfTheSigterm() {
    Instant sent = Instant.parse("2026-01-01T00:00:00Z");
    assertEquals(
        "PID 7 outlived SIGTERM by 15.2 s; killing it",
        LocalProcesses.killWarning(7, Optional.of(sent), sent.plusMillis(15_240)));
    assertEquals(
        "PID 7 was not sent SIGTERM (it joined a stopping session, or the signal failed); killing it",
        LocalProcesses.killWarning(7, Optional.empty(), sent));
  }

  /** The WARN messages LocalProcesses logs while {@code action} runs. */
  private static List<String> warningsDuring(Runnable action) {
    Logger logger = (Logger) LoggerFactory.getLogger(LocalProcesses.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      action.run();
    } finally {
      logger.detachAppender(appender);
    }
    return appender.list.stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  private static String warningAbout(List<String> warnings, long pid) {
    return warnings.stream()
        .filter(w -> w.startsWith("PID " + pid + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no warning about PID " + pid + " in " + warnings));
  }

  @Test
  void stopsWhatItsProcessSpawnedEvenOnceOrphaned() throws Exception {
    // The subshell exits at once: its sleep becomes init's child but stays in the session.
    long pid =
        processes()
            .start("parent", List.of("sh", "-c", "(sleep 60 & echo child=$!); exec sleep 60"));
    long orphan = childPid("parent");
    assertEquals(pid, Sessions.sessionOf(orphan).orElse(-1));

    List<String> warnings =
        warningsDuring(() -> processes().stop(List.of("parent"), Duration.ofSeconds(5)));

    assertFalse(alive(pid));
    assertFalse(alive(orphan), "an orphan of the stopped process survived");
    // both die of SIGTERM at once; an orphan's zombie waiting for its reaper is not a survivor
    assertEquals(List.of(), warnings);
  }

  @Test
  void readsTheSessionFromProcStat() {
    assertEquals(77, Sessions.parseSession("42 (a) b (c) S 1 42 77 0 -1 4194560 100").orElse(-1));
    // 0 when our session leader lives outside this PID namespace, as in CI containers.
    assertTrue(Sessions.sessionOf(ProcessHandle.current().pid()).orElse(-1) >= 0);
    assertTrue(Sessions.sessionOf(Long.MAX_VALUE).isEmpty());
  }

  private long childPid(String name) throws Exception {
    awaitLog(name, "child=");
    String log = Files.readString(processes().logFile(name));
    return Long.parseLong(log.substring(log.indexOf("child=") + 6).strip().split("\\s+")[0]);
  }

  /** Running, not merely unreaped: an orphan's zombie lingers until init reaps it. */
  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(Sessions::running).orElse(false);
  }

  @Test
  void nestedNamesAndEnvironment() throws Exception {
    processes()
        .start(
            "csi/node",
            List.of("sh", "-c", "echo \"v=$STRATA_T\"; sleep 60"),
            Map.of("STRATA_T", "42"));
    assertTrue(Files.exists(dir.resolve("run/csi/node.pid")));
    awaitLog("csi/node", "v=42");
    assertEquals("csi/node", processes().list().get(0).name());
  }

  @Test
  void refusesASecondProcessOfTheSameName() {
    processes().start("one", List.of("sleep", "60"));
    assertThrows(
        IllegalStateException.class, () -> processes().start("one", List.of("sleep", "1")));
  }

  @Test
  void runReturnsTheExitCodeAndKeepsOutput() throws Exception {
    assertEquals(
        3, processes().run("job", List.of("sh", "-c", "echo out; exit 3"), Duration.ofSeconds(10)));
    assertTrue(Files.readString(processes().logFile("job")).contains("out"));
  }

  @Test
  void aPidFileOfAnotherProcessIsNeverTrusted() throws Exception {
    // Our own JVM, recorded with a start time it does not have: as after a reboot.
    long self = ProcessHandle.current().pid();
    Files.createDirectories(dir.resolve("run"));
    Files.writeString(processes().pidFile("stale"), self + "\n12345\n");

    assertFalse(processes().isRunning("stale"));
    assertEquals(List.of(new LocalProcesses.Entry("stale", self, false)), processes().list());
    processes().stop(List.of("stale"), Duration.ofMillis(100)); // must not signal us
    assertTrue(ProcessHandle.current().isAlive());
    assertFalse(Files.exists(processes().pidFile("stale")));
  }

  @Test
  void aPlainPidFileIsTrustedOnlyForAProcessOlderThanTheFile() throws Exception {
    Files.createDirectories(dir.resolve("run"));
    Path plain = processes().pidFile("plain");
    Files.writeString(plain, ProcessHandle.current().pid() + "\n");
    assertTrue(processes().isRunning("plain"), "the JVM started before the file was written");

    Files.setLastModifiedTime(plain, java.nio.file.attribute.FileTime.fromMillis(0));
    assertFalse(processes().isRunning("plain"), "a process newer than its PID file is not it");
    processes().stop(List.of("plain"), Duration.ofMillis(100));
    assertTrue(ProcessHandle.current().isAlive());
  }

  @Test
  void garbageInAPidFileMeansNotRunning() throws Exception {
    Files.createDirectories(dir.resolve("run"));
    Files.writeString(processes().pidFile("junk"), "not a pid\n");
    assertFalse(processes().isRunning("junk"));
    Files.writeString(processes().pidFile("junk"), ProcessHandle.current().pid() + "\nbad\n");
    assertFalse(processes().isRunning("junk"));
  }

  private void awaitLog(String name, String text) {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < until) {
      try {
        if (Files.readString(processes().logFile(name)).contains(text)) {
          return;
        }
        Thread.sleep(20);
      } catch (Exception e) {
        // not written yet
      }
    }
    throw new AssertionError(name + " never logged " + text);
  }
}
