package io.strata.test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A workload that writes through a published volume without pause, as a database would: 64 KiB
 * blocks over a 4 MiB file held open, each forced to the volume before the next, counting the bytes
 * that reached it and every failed write. After a failure it opens the file again, as an
 * application that retries would.
 */
final class ContinuousWriter implements AutoCloseable {
  private static final int BLOCK = 64 << 10;
  private static final long SPAN = 4 << 20;
  // paces the loop so two writers leave the restarting plugins CPU on a two-core machine
  private static final long PACE_NANOS = Duration.ofMillis(5).toNanos();

  private final Path file;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean running = true;

  private ContinuousWriter(Path file) {
    this.file = file;
    this.thread = new Thread(this::run, "writer-" + file.getFileName());
    thread.setDaemon(true);
  }

  static ContinuousWriter start(Path file) {
    ContinuousWriter writer = new ContinuousWriter(file);
    writer.thread.start();
    return writer;
  }

  long bytes() {
    return bytes.get();
  }

  long errors() {
    return errors.get();
  }

  String firstError() {
    return firstError.get();
  }

  /** Waits until {@code more} bytes beyond {@code from} reached the volume. */
  long awaitBytes(long from, long more, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (bytes() < from + more) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            file
                + ": only "
                + (bytes() - from)
                + " of "
                + more
                + " bytes written within "
                + limit.toSeconds()
                + " s; errors "
                + errors()
                + ", first: "
                + firstError());
      }
      Thread.sleep(20); // polling the writer thread's counter
    }
    return bytes();
  }

  /** Waits until a write failed; for the cases where the volume is expected to break. */
  void awaitError(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (errors() == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(file + ": no write failed within " + limit.toSeconds() + " s");
      }
      Thread.sleep(20); // polling the writer thread's counter
    }
  }

  private void run() {
    ByteBuffer block = ByteBuffer.allocate(BLOCK);
    long position = 0;
    while (running) {
      try (FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        while (running) {
          block.clear();
          block.putLong(0, bytes.get());
          channel.write(block, position);
          channel.force(false);
          bytes.addAndGet(BLOCK);
          position = (position + BLOCK) % SPAN;
          LockSupport.parkNanos(PACE_NANOS);
        }
      } catch (IOException | RuntimeException e) {
        errors.incrementAndGet();
        firstError.compareAndSet(null, e.toString());
        LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(Duration.ofSeconds(30).toMillis());
  }
}
