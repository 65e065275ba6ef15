package io.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command and subcommand of {@code strata}, found from the tree main runs, takes --help. */
class HelpOptionsTest {
  static Stream<Arguments> everyCommandWithEveryHelpOption() {
    List<List<String>> paths = new ArrayList<>();
    collect(StrataCommand.commandLine(), new ArrayList<>(), paths);
    return paths.stream()
        .flatMap(path -> Stream.of("--help", "-h").map(option -> Arguments.of(path, option)));
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    paths.add(List.copyOf(path));
    command
        .getSubcommands()
        .forEach((name, sub) -> {
          if (sub.getCommandName().equals(name)) { // aliases would repeat the command
            List<String> deeper = new ArrayList<>(path);
            deeper.add(name);
            collect(sub, deeper, paths);
          }
        });
  }

  @ParameterizedTest(name = "strata {0} {1}")
  @MethodSource
  void everyCommandWithEveryHelpOption(List<String> path, String option) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine strata = StrataCommand.commandLine();
    strata.setOut(new PrintWriter(out));
    strata.setErr(new PrintWriter(err));
    List<String> args = new ArrayList<>(path);
    args.add(option);

    int exit = strata.execute(args.toArray(String[]::new));

    assertEquals(0, exit, "exit code; stderr: " + err);
    String usage =
        String.join(" ", Stream.concat(Stream.of("Usage: strata"), path.stream()).toList());
    assertTrue(out.toString().lines().anyMatch(l -> l.startsWith(usage)), usage + " in: " + out);
  }
}
