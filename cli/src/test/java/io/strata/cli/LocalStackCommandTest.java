package io.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** The command lines LocalStack starts its plugins with, parsed as {@code strata} parses them. */
class LocalStackCommandTest {
  private static final Map<LocalStack.Plugin, Class<?>> COMMANDS =
      Map.of(
          LocalStack.Plugin.RBD_CONTROLLER, ControllerCommand.class,
          LocalStack.Plugin.CEPHFS_CONTROLLER, ControllerCommand.class,
          LocalStack.Plugin.RBD_NODE, NodeCommand.class,
          LocalStack.Plugin.CEPHFS_NODE, NodeCommand.class,
          LocalStack.Plugin.RBD_PLUGIN, PluginCommand.class,
          LocalStack.Plugin.CEPHFS_PLUGIN, PluginCommand.class);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(LocalStack.Plugin.class)
  void eachPluginRunsItsCommandWithTheFlagsItsRoleTakes(LocalStack.Plugin plugin) {
    LocalStack stack = new LocalStack(dir);
    List<String> command =
        stack.command(
            plugin,
            stack.endpoint(plugin),
            dir.resolve("config.json"),
            dir.resolve("secrets"),
            List.of());
    List<String> args =
        command.subList(command.indexOf(StrataCommand.class.getName()) + 1, command.size());
    CommandLine.ParseResult parsed =
        new CommandLine(new StrataCommand()).parseArgs(args.toArray(String[]::new));
    Object subcommand = parsed.subcommand().commandSpec().userObject();
    assertEquals(COMMANDS.get(plugin), subcommand.getClass());
    assertEquals(plugin.type(), parsed.subcommand().matchedOptionValue("--type", null).toString());
    boolean controller =
        subcommand instanceof ControllerCommand || subcommand instanceof PluginCommand;
    boolean node = subcommand instanceof NodeCommand || subcommand instanceof PluginCommand;
    assertEquals(controller, args.contains("--secrets-dir"), args::toString);
    assertEquals(node, args.contains("--node-id"), args::toString);
    if (node) {
      Path state = Path.of(args.get(args.indexOf("--state-dir") + 1));
      assertEquals(
          plugin.processName().substring("csi/".length()),
          state.getFileName().toString(),
          "each node-serving process has its own state");
    }
    assertTrue(stack.endpoint(plugin).uri().endsWith(plugin.processName().substring(4) + ".sock"));
  }
}
