package io.strata.node.fuse;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.strata.fuse.v1.FuseHolderGrpc;
import io.strata.fuse.v1.StartDaemonRequest;
import io.strata.fuse.v1.StartDaemonResponse;
import io.strata.node.exec.Command;
import io.strata.node.exec.CommandException;
import io.strata.node.exec.DaemonLauncher;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FUSE holder's one call: start a FUSE daemon in the holder's own session, cgroup and
 * container, where a node plugin restart cannot reach it. It starts only the FUSE clients the
 * plugins use, logging only below its allowed directories; anyone who can reach its root-only
 * socket is root on the node already, so this guards against mistakes, not against an attacker.
 */
public final class FuseHolderService extends FuseHolderGrpc.FuseHolderImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(FuseHolderService.class);

  /** The daemons the node plugins start: rbd-fuse for RBD images, ceph-fuse for CephFS. */
  static final Set<String> PROGRAMS = Set.of("rbd-fuse", "ceph-fuse");

  private final DaemonLauncher launcher;
  private final List<Path> allowedDirs;

  public FuseHolderService(DaemonLauncher launcher, List<Path> allowedDirs) {
    this.launcher = launcher;
    this.allowedDirs = allowedDirs.stream().map(d -> d.toAbsolutePath().normalize()).toList();
  }

  @Override
  public void startDaemon(
      StartDaemonRequest request, StreamObserver<StartDaemonResponse> response) {
    String refusal = refusal(request);
    if (refusal != null) {
      response.onError(Status.INVALID_ARGUMENT.withDescription(refusal).asRuntimeException());
      return;
    }
    Command command = Command.of(List.copyOf(request.getArgvList()));
    try {
      long pid = launcher.launch(command, Path.of(request.getLogFile()));
      // the last argument is what the daemon serves (its mount point); keys are in key files
      LOG.info("started {} for {}: pid {}", command.program(), lastArgument(request), pid);
      response.onNext(StartDaemonResponse.newBuilder().setPid(pid).build());
      response.onCompleted();
    } catch (CommandException e) {
      response.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
    }
  }

  private String refusal(StartDaemonRequest request) {
    if (request.getArgvCount() == 0) {
      return "argv is empty; name the daemon to start";
    }
    String program = request.getArgv(0);
    if (!PROGRAMS.contains(program)) {
      return "the FUSE holder starts only "
          + PROGRAMS.stream().sorted().toList()
          + ", not "
          + program;
    }
    if (request.getArgvList().stream().anyMatch(a -> a.indexOf('\0') >= 0)) {
      return "an argument contains a NUL character";
    }
    String logFile = request.getLogFile();
    if (logFile.isEmpty() || logFile.indexOf('\0') >= 0) {
      return "log_file must name a file";
    }
    Path log = Path.of(logFile);
    if (!log.isAbsolute() || !log.normalize().equals(log)) {
      return "log_file " + logFile + " must be an absolute path without . or ..";
    }
    if (allowedDirs.stream().noneMatch(log::startsWith)) {
      return "log_file "
          + logFile
          + " is outside the holder's allowed directories "
          + allowedDirs
          + "; start the holder with --allowed-dir for the plugins' state directories";
    }
    return null;
  }

  private static String lastArgument(StartDaemonRequest request) {
    return request.getArgv(request.getArgvCount() - 1);
  }
}
