package io.strata.operator.bootstrap;

/**
 * Where one monitor listens: a host with a msgr2 (v2) port and a legacy msgr1 (v1) port. Ceph
 * defaults to 3300 and 6789; local clusters pick free ports so several run side by side.
 */
public record MonAddress(String host, int v2Port, int v1Port) {
  public MonAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("monitor host is required");
    }
    checkPort(v2Port);
    checkPort(v1Port);
    if (v2Port == v1Port) {
      throw new IllegalArgumentException("v2 and v1 ports must differ, both are " + v1Port);
    }
  }

  /** The address vector for monmaptool and mon_host: "[v2:127.0.0.1:3300,v1:127.0.0.1:6789]". */
  public String addrvec() {
    return "[v2:" + host + ":" + v2Port + ",v1:" + host + ":" + v1Port + "]";
  }

  /**
   * The v1 port as plain "host:port": the form every client parses, the kernel client (which may
   * speak msgr1 only) included. On a port other than 6789, librados and the FUSE clients try msgr2
   * first, fall back at once, and print a "peer ... is using msgr V1 protocol" error line to stderr
   * on every connect, which no log setting suppresses.
   */
  public String v1() {
    return host + ":" + v1Port;
  }

  /**
   * The v2 port as plain "host:port": librados, ceph-fuse and rbd-fuse speak msgr2 to it at once,
   * quietly. Kernel clients without msgr2 support cannot use it.
   */
  public String plainV2() {
    return host + ":" + v2Port;
  }

  /** "v2:host:port", for clients that should speak msgr2 only. */
  public String v2() {
    return "v2:" + host + ":" + v2Port;
  }

  /** Parses {@link #addrvec()}'s form back; the inverse used to reread ceph.conf. */
  public static MonAddress parseAddrvec(String text) {
    String body = text.strip();
    if (body.startsWith("[") && body.endsWith("]")) {
      body = body.substring(1, body.length() - 1);
    }
    String host = null;
    int v2 = -1;
    int v1 = -1;
    for (String part : body.split(",")) {
      String addr = part.strip();
      int colon = addr.indexOf(':');
      int last = addr.lastIndexOf(':');
      if (colon < 0 || last == colon) {
        throw new IllegalArgumentException("not a v1/v2 monitor address: " + text);
      }
      String proto = addr.substring(0, colon);
      host = addr.substring(colon + 1, last);
      int port = Integer.parseInt(addr.substring(last + 1).replaceAll("/.*$", ""));
      switch (proto) {
        case "v2" -> v2 = port;
        case "v1" -> v1 = port;
        default -> throw new IllegalArgumentException("unknown protocol in " + text);
      }
    }
    if (v2 < 0 || v1 < 0) {
      throw new IllegalArgumentException("monitor address needs a v2 and a v1 part: " + text);
    }
    return new MonAddress(host, v2, v1);
  }

  private static void checkPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }
}
