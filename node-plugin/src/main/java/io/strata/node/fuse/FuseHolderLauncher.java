package io.strata.node.fuse;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.strata.csi.CsiException;
import io.strata.csi.client.CsiChannels;
import io.strata.csi.server.Endpoint;
import io.strata.fuse.v1.FuseHolderGrpc;
import io.strata.fuse.v1.StartDaemonRequest;
import io.strata.node.exec.Command;
import io.strata.node.exec.DaemonLauncher;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Starts daemons in the node's FUSE holder instead of the plugin's own container, so they survive
 * the plugin's restarts and updates. A holder that does not answer is UNAVAILABLE (the CO retries
 * the stage); one that refuses is INTERNAL, with its reason.
 */
public final class FuseHolderLauncher implements DaemonLauncher {
  private static final long CALL_SECONDS = 30;

  private final Endpoint endpoint;
  private final ManagedChannel channel;

  public FuseHolderLauncher(Endpoint endpoint) {
    this.endpoint = endpoint;
    this.channel = CsiChannels.open(endpoint);
  }

  @Override
  public long launch(Command command, Path logFile) {
    StartDaemonRequest request =
        StartDaemonRequest.newBuilder()
            .addAllArgv(command.argv())
            .setLogFile(logFile.toAbsolutePath().normalize().toString())
            .build();
    try {
      return FuseHolderGrpc.newBlockingStub(channel)
          .withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
          .startDaemon(request)
          .getPid();
    } catch (StatusRuntimeException e) {
      String reason = command.redact(String.valueOf(e.getStatus().getDescription()));
      if (e.getStatus().getCode() == Status.Code.UNAVAILABLE
          || e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        throw new CsiException(
            Status.Code.UNAVAILABLE,
            "the FUSE holder at "
                + endpoint.uri()
                + " does not answer (is the strata-fuse-holder pod running on this node?): "
                + reason);
      }
      throw new CsiException(
          Status.Code.INTERNAL,
          "the FUSE holder at "
              + endpoint.uri()
              + " did not start "
              + command.program()
              + ": "
              + reason);
    }
  }
}
