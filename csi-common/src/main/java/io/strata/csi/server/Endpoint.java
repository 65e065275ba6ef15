package io.strata.csi.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a plugin listens: {@code unix:///csi/csi.sock}, a bare path, or {@code tcp://host:port} for
 * debugging. For a unix socket the endpoint owns the file: it removes a stale one before binding,
 * narrows it to 0660 afterwards and removes it on shutdown.
 */
public sealed interface Endpoint permits Endpoint.Unix, Endpoint.Tcp {

  static Endpoint parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("endpoint is empty; use unix:///path/csi.sock");
    }
    if (value.startsWith("unix:")) {
      String path = value.substring("unix:".length());
      path = path.startsWith("//") ? path.substring(2) : path;
      if (path.isEmpty()) {
        throw new IllegalArgumentException("endpoint " + value + " names no socket path");
      }
      return new Unix(Path.of(path));
    }
    if (value.startsWith("tcp://")) {
      URI uri = URI.create(value);
      if (uri.getHost() == null || uri.getPort() < 0) {
        throw new IllegalArgumentException("endpoint " + value + " needs tcp://host:port");
      }
      return new Tcp(uri.getHost(), uri.getPort());
    }
    if (value.contains("://")) {
      throw new IllegalArgumentException("endpoint " + value + ": only unix:// and tcp:// work");
    }
    return new Unix(Path.of(value));
  }

  /** Prepares the address (removing a stale socket) and returns what to bind. */
  SocketAddress bindAddress() throws IOException;

  /** Runs after the server is bound. */
  void afterBind() throws IOException;

  /** Releases what the endpoint made; safe to call twice. */
  void cleanup();

  /** The form a client dials, e.g. {@code unix:///csi/csi.sock}. */
  String uri();

  record Unix(Path path) implements Endpoint {
    @Override
    public SocketAddress bindAddress() throws IOException {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      // A socket left by a killed plugin blocks bind(); it serves no one, so remove it.
      Files.deleteIfExists(path);
      return new io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress(path.toFile());
    }

    @Override
    public void afterBind() throws IOException {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
    }

    @Override
    public void cleanup() {
      try {
        Files.deleteIfExists(path);
      } catch (IOException ignored) {
        // the socket is gone or its directory went away with the pod: nothing left to clean
      }
    }

    @Override
    public String uri() {
      return "unix://" + path.toAbsolutePath();
    }
  }

  record Tcp(String host, int port) implements Endpoint {
    @Override
    public SocketAddress bindAddress() {
      return new InetSocketAddress(host, port);
    }

    @Override
    public void afterBind() {}

    @Override
    public void cleanup() {}

    @Override
    public String uri() {
      return "tcp://" + host + ":" + port;
    }
  }
}
