package io.strata.node.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands as child processes: no shell, the C locale (tool output is parsed), stdin from the
 * command or /dev/null, stdout and stderr captured up to a bound, and the process tree killed when
 * the time limit passes.
 */
public final class ProcessRunner implements CommandRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
  private static final int MAX_CAPTURE = 1 << 20;
  private static final Redirect NO_INPUT = Redirect.from(new java.io.File("/dev/null"));

  private final ExecutorService readers =
      Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "command-output");
        t.setDaemon(true);
        return t;
      });

  @Override
  public CommandResult run(Command command) {
    long started = System.nanoTime();
    Process process = start(command);
    CompletableFuture<String> out = capture(process.getInputStream());
    CompletableFuture<String> err = capture(process.getErrorStream());
    try {
      feed(process, command.stdin());
      if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        throw CommandException.timedOut(command, command.timeout(), collected(err));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      CommandResult result =
          new CommandResult(command, process.exitValue(), collected(out), collected(err), took);
      LOG.debug("{}", result);
      return result;
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw CommandException.notStarted(command, e);
    }
  }

  private static Process start(Command command) {
    ProcessBuilder builder = new ProcessBuilder(command.argv());
    builder.environment().put("LC_ALL", "C");
    builder.environment().putAll(command.environment());
    if (command.stdin() == null) {
      builder.redirectInput(NO_INPUT);
    }
    try {
      return builder.start();
    } catch (IOException e) {
      throw CommandException.notStarted(command, e);
    }
  }

  private static void feed(Process process, String stdin) {
    if (stdin == null) {
      return;
    }
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the tool closed its stdin early; its exit code and stderr tell the story
      LOG.debug("stdin not fully written: {}", e.getMessage());
    }
  }

  private CompletableFuture<String> capture(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> readBounded(stream), readers);
  }

  private static String readBounded(InputStream stream) {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (stream) {
      int n;
      while ((n = stream.read(buffer)) >= 0) {
        int room = MAX_CAPTURE - kept.size();
        kept.write(buffer, 0, Math.min(room, n));
      }
    } catch (IOException e) {
      // the process was killed while we read; keep what arrived
    }
    return kept.toString(StandardCharsets.UTF_8);
  }

  /** Output of a stream whose process has ended; a grandchild holding the pipe is not waited on. */
  private static String collected(CompletableFuture<String> stream) {
    try {
      return stream.get(2, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
