package io.strata.cli;

import io.strata.operator.local.CephPackages;
import io.strata.operator.local.CephRoot;
import io.strata.operator.local.LocalCluster;
import io.strata.operator.local.LocalClusterInfo;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata local ...}: a one-node Ceph and the plugins on this machine, for development. */
@Command(
    name = "local",
    description = "Run a local one-node Ceph cluster and the CSI plugins for development.",
    subcommands = {
      LocalCommand.Up.class,
      LocalCommand.Down.class,
      LocalCommand.Status.class,
      LocalCommand.Smoke.class,
      LocalCommand.Packages.class
    })
final class LocalCommand {
  /** The cluster directory every subcommand takes. */
  static final class DirOption {
    @Option(
        names = "--dir",
        defaultValue = "strata-local",
        description = "Cluster directory (default: ${DEFAULT-VALUE} under the working directory).")
    Path dir;
  }

  @Command(name = "up", description = "Create or reuse the cluster and start the plugins.")
  static final class Up implements Callable<Integer> {
    @picocli.CommandLine.Mixin DirOption options;

    @Option(
        names = "--one-socket",
        description =
            "Also start the one-socket plugins (strata plugin: Identity, Controller and Node"
                + " on one socket per backend), as csi-sanity's node lifecycle specs need.")
    boolean oneSocket;

    @Option(
        names = "--address",
        defaultValue = LocalCluster.LOOPBACK,
        description =
            "IPv4 address of this machine the Ceph daemons listen on, chosen when the cluster is"
                + " made: another than loopback lets pods on a pod network reach it"
                + " (default: ${DEFAULT-VALUE}).")
    String address;

    @Option(
        names = "--ceph-root",
        description =
            "Run the Ceph daemons from this Debian root filesystem (another Ceph release than the"
                + " host's; make one with deploy/image/build --image ceph --suite forky --rootfs"
                + " DIR), chosen when the cluster is made; the plugins stay on the host.")
    Path cephRoot;

    @Override
    public Integer call() {
      LocalStack.Info info =
          new LocalStack(options.dir, address, Optional.ofNullable(cephRoot).map(CephRoot::new))
              .up(oneSocket ? EnumSet.allOf(LocalStack.Plugin.class) : LocalStack.Plugin.SEPARATE);
      LocalClusterInfo cluster = info.cluster();
      System.out.printf("Ceph cluster ready in %d ms%n", cluster.bootTime().toMillis());
      System.out.printf("  clusterID      %s%n", cluster.fsid());
      System.out.printf("  monitors       %s%n", String.join(",", cluster.monitors()));
      System.out.printf("  rbd pool       %s%n", cluster.rbdPool());
      System.out.printf(
          "  filesystem     %s (subvolume group %s)%n", cluster.fsName(), cluster.subvolumeGroup());
      System.out.printf("  ceph.conf      %s%n", cluster.configFile());
      System.out.printf("  admin keyring  %s%n", cluster.adminKeyring());
      System.out.printf("  cluster config %s%n", info.clusterConfig());
      info.endpoints()
          .forEach((plugin, endpoint) -> System.out.printf("  %-17s %s%n", plugin, endpoint.uri()));
      System.out.printf(
          "Try: ceph -c %s -s%nStop: strata local down --dir %s%n",
          cluster.configFile(), options.dir);
      return 0;
    }
  }

  @Command(name = "down", description = "Stop every daemon and plugin the cluster directory runs.")
  static final class Down implements Callable<Integer> {
    @picocli.CommandLine.Mixin DirOption options;

    @Option(names = "--purge", description = "Also delete the cluster directory.")
    boolean purge;

    @Override
    public Integer call() {
      LocalStack stack = new LocalStack(options.dir);
      if (purge) {
        stack.cluster().purge();
      } else {
        stack.down();
      }
      System.out.println(
          "stopped " + options.dir.toAbsolutePath() + (purge ? " and deleted it" : ""));
      return 0;
    }
  }

  @Command(name = "status", description = "Which processes run, and Ceph's health.")
  static final class Status implements Callable<Integer> {
    @picocli.CommandLine.Mixin DirOption options;

    @Override
    public Integer call() {
      var status = new LocalStack(options.dir).cluster().status();
      System.out.println(status.describe());
      return status.anyRunning() ? 0 : 3;
    }
  }

  @Command(name = "smoke", description = "Walk through the plugins' RPCs over their sockets.")
  static final class Smoke implements Callable<Integer> {
    @picocli.CommandLine.Mixin DirOption options;

    @Override
    public Integer call() {
      return new SmokeWalkthrough(new LocalStack(options.dir).up(), System.out).run() ? 0 : 1;
    }
  }

  @Command(name = "packages", description = "Check (and with --install, install) Ceph packages.")
  static final class Packages implements Callable<Integer> {
    @Option(names = "--install", description = "Install missing packages with apt-get (root).")
    boolean install;

    @Override
    public Integer call() {
      CephPackages packages = CephPackages.ofHost();
      if (install) {
        packages.ensureInstalled();
      }
      var missing = packages.missingPackages();
      System.out.println(
          missing.isEmpty()
              ? "Ceph packages: all present"
              : "missing Debian packages: " + String.join(" ", missing));
      return missing.isEmpty() ? 0 : 1;
    }
  }
}
