package io.strata.operator.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Picks TCP ports that are free now on one address. It prefers ports below the kernel's ephemeral
 * range, so a port persisted for a monitor is not later taken by the local end of some outgoing
 * connection, and keeps clear of Ceph's daemon range (6800-7300).
 */
final class FreePorts {
  private static final int LOW = 10000;
  private static final int ATTEMPTS = 200;

  private final InetAddress address;
  private final Random random;

  FreePorts(InetAddress address, Random random) {
    this.address = address;
    this.random = random;
  }

  FreePorts(InetAddress address) {
    this(address, new SecureRandom());
  }

  /** {@code count} distinct ports, each bindable at the time of the call. */
  List<Integer> pick(int count) {
    int high = ephemeralLow() - 1;
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < ATTEMPTS && ports.size() < count && high > LOW; i++) {
      int port = LOW + random.nextInt(high - LOW);
      if (!ports.contains(port) && bindable(port)) {
        ports.add(port);
      }
    }
    while (ports.size() < count) {
      ports.add(anyPort(ports));
    }
    return ports;
  }

  private boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(address, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private int anyPort(List<Integer> taken) {
    for (int i = 0; i < ATTEMPTS; i++) {
      try (ServerSocket socket = new ServerSocket(0, 1, address)) {
        if (!taken.contains(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("no free port on " + address, e);
      }
    }
    throw new IllegalStateException("no free port on " + address);
  }

  /**
   * The first port of the kernel's ephemeral range (32768 when unknown). Read line by line:
   * Files.readString on a sysctl file returns only its first byte (the JDK's second read at an
   * offset gets EOF from procfs).
   */
  static int ephemeralLow() {
    try {
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0);
      return Integer.parseInt(range.strip().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32768;
    }
  }
}
