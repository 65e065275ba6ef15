package io.strata.csi.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.strata.csi.server.Endpoint;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** Dials a CSI endpoint the way the Kubernetes sidecars do: plaintext over the socket. */
public final class CsiChannels {
  private CsiChannels() {}

  public static ManagedChannel open(Endpoint endpoint) {
    EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    NettyChannelBuilder builder;
    if (endpoint instanceof Endpoint.Unix unix) {
      builder =
          NettyChannelBuilder.forAddress(new DomainSocketAddress(unix.path().toFile()))
              .channelType(EpollDomainSocketChannel.class);
    } else {
      Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
      builder =
          NettyChannelBuilder.forAddress(new InetSocketAddress(tcp.host(), tcp.port()))
              .channelType(EpollSocketChannel.class);
    }
    ManagedChannel channel =
        builder.eventLoopGroup(loop).usePlaintext().maxInboundMessageSize(16 << 20).build();
    return new ClosingChannel(channel, () -> loop.shutdownGracefully(0, 1, TimeUnit.SECONDS));
  }
}
