package io.strata.ceph;

import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import com.ceph.rados.exceptions.RadosException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One connected librados client. Thread-safe: librados serialises what it must, so one connection
 * serves every request for the same (monitors, user, key); see {@link CephConnections}.
 */
public final class CephConnection implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Threads that wait for manager answers; daemons, so a lost answer never blocks exit. */
  private static final ExecutorService MGR_WAITERS =
      Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "ceph-mgr-command");
        thread.setDaemon(true);
        return thread;
      });

  private final Handle rados;
  private final ConnectionSpec spec;
  private final CephCallObserver observer;
  private Handle mgrRados; // opened on the first manager command; guarded by this
  private CephRelease release; // asked on the first call; guarded by this

  /** Manager commands in flight at once, and more waiting, before calls are refused. */
  private final ManagerQueue managerQueue = new ManagerQueue(4, 8);

  private CephConnection(Handle rados, ConnectionSpec spec, CephCallObserver observer) {
    this.rados = rados;
    this.spec = spec;
    this.observer = observer;
  }

  /** Connects, with every librados timeout bounded by {@code spec.timeout()}. */
  public static CephConnection open(ConnectionSpec spec) {
    return open(spec, CephCallObserver.NONE);
  }

  /** Connects and reports the duration of every command and RBD call to {@code observer}. */
  public static CephConnection open(ConnectionSpec spec, CephCallObserver observer) {
    return new CephConnection(connect(spec, spec.timeout()), spec, observer);
  }

  /** Runs {@code call} and tells the observer how long it took and whether it failed. */
  <T> T timed(String target, String operation, Supplier<T> call) {
    long start = System.nanoTime();
    boolean ok = false;
    try {
      T result = call.get();
      ok = true;
      return result;
    } finally {
      observer.completed(target, operation, System.nanoTime() - start, ok);
    }
  }

  /**
   * A connected handle. {@code monOpTimeout} zero means librados waits for mon and mgr answers
   * forever, which the manager handle needs (see {@link #mgrCommand}).
   */
  private static Handle connect(ConnectionSpec spec, Duration monOpTimeout) {
    Handle rados = new Handle(spec.user());
    try {
      String seconds = Long.toString(Math.max(1, spec.timeout().toSeconds()));
      // first: librados prints a key it cannot decode, and stderr is the plugin's log
      rados.confSet("log_to_stderr", "false");
      rados.confSet("err_to_stderr", "false");
      rados.confSet("mon_host", spec.monHost());
      rados.confSet("key", spec.key());
      rados.confSet("keyring", "");
      // cephx only: with "none" also allowed, a wrong key is retried until the mount timeout
      // instead of being refused at once
      rados.confSet("auth_client_required", "cephx");
      rados.confSet("client_mount_timeout", seconds);
      rados.confSet("rados_mon_op_timeout", Long.toString(monOpTimeout.toSeconds()));
      rados.confSet("rados_osd_op_timeout", seconds);
      // clone v2: a parent snapshot needs no protection and can be removed while clones live
      rados.confSet("rbd_default_clone_format", "2");
      rados.connect();
      return rados;
    } catch (RadosException e) {
      rados.shutDown();
      int errno = e.getReturnValue();
      boolean refused = Errno.of(errno) == Errno.EACCES || Errno.of(errno) == Errno.EPERM;
      throw new CephException(
          "connect to " + spec.monHost() + " as client." + spec.user(),
          errno,
          refused ? "the monitors refused the key of client." + spec.user() : null);
    }
  }

  public ConnectionSpec spec() {
    return spec;
  }

  /**
   * The monitors' release, asked once per connection: what the cluster can do and how it answers
   * depends on it, and every daemon runs the monitors' release or an older one in an upgrade.
   */
  public synchronized CephRelease release() {
    if (release == null) {
      release = CephRelease.parse(monCommand(Map.of("prefix", "version")).output());
    }
    return release;
  }

  public String fsid() {
    try {
      return rados.clusterFsid();
    } catch (RadosException e) {
      throw new CephException("read cluster fsid", e.getReturnValue(), null);
    }
  }

  /** The id of a pool, which never changes while the pool exists (volume ids embed it). */
  public long poolId(String pool) {
    try {
      return rados.poolLookup(pool);
    } catch (RadosException e) {
      throw new CephException("look up pool " + pool, e.getReturnValue(), null);
    }
  }

  public String poolName(long poolId) {
    try {
      return rados.poolReverseLookup(poolId);
    } catch (RadosException e) {
      throw new CephException("look up pool id " + poolId, e.getReturnValue(), null);
    }
  }

  /**
   * Runs {@code work} with an I/O context on a pool (and rados namespace, "" for none) and closes
   * the context afterwards.
   */
  public <T> T withPool(String pool, String namespace, Function<IoCTX, T> work) {
    IoCTX io;
    try {
      io = rados.ioCtxCreate(pool);
    } catch (RadosException e) {
      throw new CephException("open pool " + pool, e.getReturnValue(), null);
    }
    try {
      io.setNamespace(namespace == null ? "" : namespace);
      return work.apply(io);
    } finally {
      rados.ioCtxDestroy(io);
    }
  }

  /** A monitor command such as {@code Map.of("prefix", "osd pool ls")}; output is JSON. */
  public CommandResult monCommand(Map<String, ?> command) {
    return timed("mon", prefix(command), () -> command(rados, command, Target.MON));
  }

  /**
   * A manager command such as {@code Map.of("prefix", "fs subvolume ls", "vol_name", "fs")}.
   *
   * <p>librados (16.x) must not time these out itself: on its timeout it returns while the command
   * stays registered with pointers into the returned call's stack, and the late answer corrupts
   * memory. So manager commands use a second handle that never times out, and the caller's wait is
   * bounded here instead; an unanswered call keeps its thread, and its memory, until the answer.
   */
  public CommandResult mgrCommand(Map<String, ?> command) {
    return timed("mgr", prefix(command), () -> awaitMgrCommand(command));
  }

  private static String prefix(Map<String, ?> command) {
    return String.valueOf(command.get("prefix"));
  }

  private CommandResult awaitMgrCommand(Map<String, ?> command) {
    Handle manager = managerHandle();
    long deadline = System.nanoTime() + spec.timeout().toNanos();
    ManagerQueue.Turn turn = managerQueue.enter(prefix(command), spec.timeout().toNanos());
    Future<CommandResult> answer;
    try {
      answer =
          MGR_WAITERS.submit(() -> {
            try (turn) {
              return command(manager, command, Target.MGR);
            }
          });
    } catch (RuntimeException e) {
      turn.close();
      throw e;
    }
    try {
      return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new CephException(
          "mgr command '" + command.get("prefix") + "'",
          -Errno.ETIMEDOUT.value(),
          "no answer within " + spec.timeout().toSeconds() + " s; the manager may still do it");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new CephException("mgr command '" + command.get("prefix") + "'", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CephException(
          "mgr command '" + command.get("prefix") + "'", -Errno.EINTR.value(), "interrupted");
    }
  }

  private synchronized Handle managerHandle() {
    if (mgrRados == null) {
      mgrRados = connect(spec, Duration.ZERO);
    }
    return mgrRados;
  }

  private enum Target {
    MON,
    MGR
  }

  private static CommandResult command(Handle rados, Map<String, ?> command, Target target) {
    Map<String, Object> withFormat = new LinkedHashMap<>(command);
    withFormat.putIfAbsent("format", "json");
    String prefix = String.valueOf(command.get("prefix"));
    String[] cmd = {toJson(withFormat)};
    PointerByReference outbuf = new PointerByReference();
    NativeLongByReference outbuflen = new NativeLongByReference();
    PointerByReference outs = new PointerByReference();
    NativeLongByReference outslen = new NativeLongByReference();
    NativeLong one = new NativeLong(1);
    NativeLong none = new NativeLong(0);
    int rc =
        target == Target.MON
            ? LibRados.INSTANCE.rados_mon_command(
                rados.pointer(), cmd, one, null, none, outbuf, outbuflen, outs, outslen)
            : LibRados.INSTANCE.rados_mgr_command(
                rados.pointer(), cmd, one, null, none, outbuf, outbuflen, outs, outslen);
    String output = takeBuffer(outbuf, outbuflen);
    String status = takeBuffer(outs, outslen);
    // librados reports its own timeout as a positive ETIMEDOUT: anything but 0 is a failure
    if (rc != 0) {
      throw new CephException(
          target.name().toLowerCase() + " command '" + prefix + "'", -Math.abs(rc), status);
    }
    return new CommandResult(output, status);
  }

  private static String takeBuffer(PointerByReference buffer, NativeLongByReference length) {
    Pointer pointer = buffer.getValue();
    if (pointer == null) {
      return "";
    }
    try {
      byte[] bytes = pointer.getByteArray(0, (int) length.getValue().longValue());
      return new String(bytes, StandardCharsets.UTF_8);
    } finally {
      LibRados.INSTANCE.rados_buffer_free(pointer);
    }
  }

  private static String toJson(Map<String, Object> command) {
    try {
      return JSON.writeValueAsString(command);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("command is not serialisable to JSON", e);
    }
  }

  @Override
  public synchronized void close() {
    rados.shutDown();
    if (mgrRados != null) {
      mgrRados.shutDown();
    }
  }

  /** Output of a mon or mgr command: the data buffer and Ceph's status line. */
  public record CommandResult(String output, String status) {
    public <T> T outputAs(Class<T> type) {
      try {
        return JSON.readValue(output, type);
      } catch (IOException e) {
        throw new CephException("parse command output as " + type.getSimpleName(), e);
      }
    }
  }

  /** Exposes the cluster handle so our own JNA calls can use the same connection. */
  private static final class Handle extends Rados {
    Handle(String user) {
      super(user);
    }

    Pointer pointer() {
      return clusterPtr;
    }
  }
}
