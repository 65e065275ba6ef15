package io.strata.node.it;

import csi.v1.NodeGrpc;
import io.grpc.ManagedChannel;
import io.strata.csi.client.CsiChannels;
import io.strata.csi.server.Endpoint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link NodePluginProcess} and a client for it, for tests that kill the plugin for real. */
final class ChildPlugin implements AutoCloseable {
  private final Process process;
  private final ManagedChannel channel;
  final NodeGrpc.NodeBlockingStub node;

  private ChildPlugin(Process process, Path socket) {
    this.process = process;
    this.channel = CsiChannels.open(Endpoint.parse("unix://" + socket));
    this.node = NodeGrpc.newBlockingStub(channel);
  }

  /** Starts the plugin and returns once it serves on {@code socket}. */
  static ChildPlugin start(
      Path socket, Path stateDir, ItCluster cluster, NodePluginHarness.Type type) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    NodePluginProcess.class.getName(),
                    socket.toString(),
                    stateDir.toString(),
                    cluster.monitors(),
                    type.name()))
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.equals("READY")) {
        return new ChildPlugin(process, socket);
      }
      seen.append(line).append('\n');
    }
    process.waitFor(5, TimeUnit.SECONDS);
    throw new IllegalStateException("node plugin process did not start:\n" + seen);
  }

  /** SIGKILL; returns the exit code (137). */
  int kill() throws InterruptedException {
    channel.shutdownNow();
    process.destroyForcibly();
    return process.waitFor();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    process.destroyForcibly();
  }
}
