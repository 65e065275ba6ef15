package io.strata.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.csi.server.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata bench startup}: from spawning a plugin to its first ready Probe. */
@Command(
    name = "startup",
    description =
        "Start a plugin command, time it until Probe answers ready on its endpoint, stop it;"
            + " repeat. Example: strata bench startup --endpoint unix:///tmp/p.sock --"
            + " strata controller --type rbd --endpoint unix:///tmp/p.sock ...")
final class StartupCommand implements Callable<Integer> {
  @Option(names = "--endpoint", required = true, description = "The endpoint the command serves.")
  String endpoint;

  @Option(names = "--runs", defaultValue = "3", description = "Starts to time (default: 3).")
  int runs;

  @Option(
      names = "--timeout",
      defaultValue = "60",
      description = "Seconds to wait for ready (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--log", description = "Where the plugin's output goes (default: a temp file).")
  Path log;

  @Option(names = "--json", description = "Print the samples as JSON.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The plugin command line.")
  List<String> command;

  @Override
  public Integer call() throws Exception {
    Path output = log != null ? log : Files.createTempFile("strata-bench-startup", ".log");
    StartupTimer timer =
        new StartupTimer(
            command, Endpoint.parse(endpoint), Duration.ofSeconds(timeoutSeconds), output);
    List<StartupTimer.Sample> samples = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      samples.add(timer.measure());
    }
    System.out.print(json ? asJson(samples) : asText(samples, output));
    return 0;
  }

  private static String asJson(List<StartupTimer.Sample> samples) throws Exception {
    return new ObjectMapper()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(Map.of("samples", samples))
        + "\n";
  }

  static String asText(List<StartupTimer.Sample> samples, Path log) {
    StringBuilder out = new StringBuilder("start to ready Probe (plugin output: " + log + ")\n");
    out.append(
        String.format(
            Locale.ROOT, "  %-4s %10s %10s %10s\n", "run", "socket ms", "ready ms", "RSS MiB"));
    for (int i = 0; i < samples.size(); i++) {
      StartupTimer.Sample s = samples.get(i);
      out.append(
          String.format(
              Locale.ROOT,
              "  %-4d %10d %10d %10.1f\n",
              i + 1,
              s.socketMs(),
              s.readyMs(),
              s.rssBytesAtReady() / (1024.0 * 1024.0)));
    }
    long[] ready = samples.stream().mapToLong(StartupTimer.Sample::readyMs).sorted().toArray();
    out.append(
        String.format(
            Locale.ROOT,
            "  median ready %d ms, min %d ms, max %d ms\n",
            ready[ready.length / 2],
            ready[0],
            ready[ready.length - 1]));
    return out.toString();
  }
}
