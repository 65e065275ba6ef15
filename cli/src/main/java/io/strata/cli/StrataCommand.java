package io.strata.cli;

import io.strata.cli.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code strata} executable: one binary for the plugins, the operator and local dev. */
@Command(
    name = "strata",
    // INHERIT: --help/-h and --version on every subcommand, present and future, not only here
    scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    description = "Ceph storage for Kubernetes: CSI plugins, operator and a local Ceph for dev.",
    subcommands = {
      ControllerCommand.class,
      NodeCommand.class,
      PluginCommand.class,
      OperatorCommand.class,
      LocalCommand.class,
      FuseHolderCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class StrataCommand {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command tree main runs; tests walk the same one. */
  static CommandLine commandLine() {
    return new CommandLine(new StrataCommand());
  }
}
