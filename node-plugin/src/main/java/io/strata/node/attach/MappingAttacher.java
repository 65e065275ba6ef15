package io.strata.node.attach;

import io.strata.node.exec.Command;
import io.strata.node.exec.CommandRunner;
import io.strata.node.exec.KeyFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Attaches by mapping the image to a kernel block device with {@link MapTool#KRBD} or {@link
 * MapTool#RBD_NBD}. Mapped devices are listed as JSON before every map, which makes attach
 * idempotent; the key reaches the tool in a short-lived key file.
 */
public final class MappingAttacher implements Attacher {
  static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final MapTool tool;
  private final CommandRunner runner;
  private final CephArgs cephArgs;
  private final Path keyDir;

  MappingAttacher(MapTool tool, CommandRunner runner, CephArgs cephArgs, Path keyDir) {
    this.tool = tool;
    this.runner = runner;
    this.cephArgs = cephArgs;
    this.keyDir = keyDir;
  }

  public static MappingAttacher krbd(CommandRunner runner, CephArgs cephArgs, Path keyDir) {
    return new MappingAttacher(MapTool.KRBD, runner, cephArgs, keyDir);
  }

  public static MappingAttacher nbd(CommandRunner runner, CephArgs cephArgs, Path keyDir) {
    return new MappingAttacher(MapTool.RBD_NBD, runner, cephArgs, keyDir);
  }

  @Override
  public AttachMethod method() {
    return tool.method;
  }

  @Override
  public Attachment attach(AttachRequest request) {
    Optional<String> mapped = MappedDevices.deviceOf(mapped(), request.image());
    if (mapped.isPresent()) {
      return Attachment.kernel(method(), mapped.get(), request.image());
    }
    String key = request.connection().key();
    try (KeyFile keyFile = KeyFile.write(keyDir, key)) {
      Command map = mapCommand(request, keyFile.path()).redacting(key);
      String device = MappedDevices.deviceFromMapOutput(runner.check(map).stdout());
      return Attachment.kernel(method(), device, request.image());
    }
  }

  Command mapCommand(AttachRequest request, Path keyFile) {
    List<String> argv = new ArrayList<>(List.of(tool.program, "map", request.image().spec()));
    argv.addAll(cephArgs.of(request.connection(), keyFile));
    if (request.readOnly()) {
      argv.add("--read-only");
    }
    argv.addAll(tool.optionArguments(MapOptions.forMethod(request.mapOptions(), method())));
    return Command.of(argv).timeout(TIMEOUT);
  }

  @Override
  public void detach(Attachment attachment) {
    boolean stillMapped = mapped().stream().anyMatch(d -> d.device().equals(attachment.device()));
    if (stillMapped) {
      runner.check(Command.of(tool.program, "unmap", attachment.device()).timeout(TIMEOUT));
    }
  }

  private List<MappedDevices.MappedDevice> mapped() {
    Command list = Command.of(tool.program, tool.listVerb, "--format", "json").timeout(TIMEOUT);
    return MappedDevices.parse(runner.check(list).stdout());
  }

  @Override
  public Optional<String> problem(Attachment attachment) {
    boolean served =
        mapped().stream()
            .anyMatch(
                d -> d.device().equals(attachment.device()) && d.isHeadOf(attachment.image()));
    return served
        ? Optional.empty()
        : Optional.of(
            attachment.image()
                + " is no longer mapped at "
                + attachment.device()
                + " by "
                + tool.program);
  }
}
