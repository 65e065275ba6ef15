package io.strata.csi.server;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.strata.csi.DaemonThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle of one plugin's gRPC server on an {@link Endpoint}: bind, serve on a bounded executor
 * (Ceph calls block; an unbounded pool would grow without limit under a storm), stop gracefully on
 * SIGTERM with a deadline, and remove the socket afterwards.
 */
public final class PluginServer {
  private static final Logger LOG = LoggerFactory.getLogger(PluginServer.class);
  private static final Duration DRAIN = Duration.ofSeconds(10);

  private final Endpoint endpoint;
  private final List<BindableService> services;
  private final List<ServerInterceptor> interceptors;
  private final int workers;
  private EventLoopGroup eventLoop;
  private ExecutorService executor;
  private Server server;

  /**
   * @param interceptors applied to every service; gRPC runs them last-registered first
   * @param workers upper bound of concurrently executing calls
   */
  public PluginServer(
      Endpoint endpoint,
      List<BindableService> services,
      List<ServerInterceptor> interceptors,
      int workers) {
    this.endpoint = endpoint;
    this.services = List.copyOf(services);
    this.interceptors = List.copyOf(interceptors);
    this.workers = workers;
  }

  public synchronized PluginServer start() throws IOException {
    eventLoop =
        new MultiThreadIoEventLoopGroup(
            1, DaemonThreads.named("grpc-io"), EpollIoHandler.newFactory());
    executor = boundedExecutor(workers);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(endpoint.bindAddress())
            .bossEventLoopGroup(eventLoop)
            .workerEventLoopGroup(eventLoop)
            .channelType(
                endpoint instanceof Endpoint.Unix
                    ? EpollServerDomainSocketChannel.class
                    : EpollServerSocketChannel.class)
            .executor(executor);
    for (BindableService service : services) {
      builder.addService(ServerInterceptors.intercept(service, interceptors));
    }
    server = builder.build().start();
    endpoint.afterBind();
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "plugin-server-shutdown"));
    LOG.info("serving {} on {}", serviceNames(), endpoint.uri());
    return this;
  }

  /** Stops accepting calls, lets running ones finish within a deadline, removes the socket. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
    eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    endpoint.cleanup();
    server = null;
    LOG.info("stopped serving on {}", endpoint.uri());
  }

  public void awaitTermination() throws InterruptedException {
    Server running;
    synchronized (this) {
      running = server;
    }
    if (running != null) {
      running.awaitTermination();
    }
  }

  private String serviceNames() {
    return services.stream()
        .map(s -> s.bindService().getServiceDescriptor().getName())
        .toList()
        .toString();
  }

  private static ExecutorService boundedExecutor(int workers) {
    // Calls beyond the pool queue up rather than spawning threads: the CO retries on timeout.
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            workers,
            workers,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            DaemonThreads.named("csi-call"));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
