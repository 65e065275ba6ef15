package io.strata.cli;

import io.strata.csi.server.Endpoint;
import io.strata.csi.server.PluginServer;
import io.strata.node.exec.SessionLauncher;
import io.strata.node.fuse.FuseHolderService;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strata fuse-holder}: the per-node process that starts the node plugins' FUSE daemons in a
 * container of its own, which plugin updates leave alone (deploy/base/node/fuse-holder.yaml).
 */
@Command(
    name = "fuse-holder",
    description =
        "Start rbd-fuse and ceph-fuse for the node plugins (their --fuse-holder), so the daemons"
            + " outlive plugin restarts.")
final class FuseHolderCommand implements Callable<Integer> {
  @Option(
      names = "--endpoint",
      defaultValue = "unix:///var/lib/strata/fuse-holder/holder.sock",
      description = "The unix socket to serve on (default: ${DEFAULT-VALUE}).")
  String endpoint;

  @Option(
      names = "--allowed-dir",
      split = ",",
      defaultValue = "/var/lib/strata",
      description =
          "Directories daemon log files may be in: the node plugins' --state-dir parents"
              + " (default: ${DEFAULT-VALUE}).")
  List<Path> allowedDirs;

  @Override
  public Integer call() throws Exception {
    PluginServer server =
        new PluginServer(
                unixEndpoint(endpoint),
                List.of(new FuseHolderService(new SessionLauncher(), allowedDirs)),
                List.of(),
                4)
            .start();
    server.awaitTermination();
    return 0;
  }

  /** The holder serves root on the node: never over TCP. */
  static Endpoint unixEndpoint(String value) {
    Endpoint parsed = Endpoint.parse(value);
    if (!(parsed instanceof Endpoint.Unix)) {
      throw new IllegalArgumentException(
          "the FUSE holder endpoint " + value + " must be a unix socket: unix:///path");
    }
    return parsed;
  }
}
