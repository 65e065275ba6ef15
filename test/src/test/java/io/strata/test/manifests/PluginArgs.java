package io.strata.test.manifests;

import io.strata.cli.StrataCommand;
import io.strata.csi.identity.PluginInfo;
import io.strata.csi.server.Endpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A plugin container's args as the real {@code strata} command parses them: an unknown flag, a
 * missing required one or a bad value fails here as it would fail in the pod. Values the args do
 * not give are the command's defaults.
 */
record PluginArgs(
    String command,
    String type,
    Endpoint endpoint,
    String driverName,
    Path clusterConfig,
    Optional<Path> stateDir,
    Optional<Path> secretsDir,
    Optional<String> nodeId) {

  static PluginArgs parse(List<String> args) {
    ParseResult parsed =
        new CommandLine(new StrataCommand()).parseArgs(args.toArray(String[]::new));
    ParseResult sub = parsed.subcommand();
    if (sub == null) {
      throw new IllegalArgumentException("no subcommand in " + args);
    }
    CommandSpec spec = sub.commandSpec();
    String type = value(spec, "--type").orElseThrow();
    return new PluginArgs(
        spec.name(),
        type,
        Endpoint.parse(value(spec, "--endpoint").orElseThrow()),
        value(spec, "--driver-name")
            .orElse(type.equals("rbd") ? PluginInfo.RBD_DRIVER : PluginInfo.CEPHFS_DRIVER),
        Path.of(value(spec, "--cluster-config").orElseThrow()),
        value(spec, "--state-dir").map(Path::of),
        value(spec, "--secrets-dir").map(Path::of),
        value(spec, "--node-id"));
  }

  /** The socket the plugin serves on; manifests always use a unix socket. */
  Path socket() {
    if (endpoint instanceof Endpoint.Unix unix) {
      return unix.path();
    }
    throw new IllegalStateException("not a unix socket: " + endpoint.uri());
  }

  private static Optional<String> value(CommandSpec spec, String name) {
    OptionSpec option = spec.findOption(name);
    return option == null || option.getValue() == null
        ? Optional.empty()
        : Optional.of(option.getValue().toString());
  }
}
