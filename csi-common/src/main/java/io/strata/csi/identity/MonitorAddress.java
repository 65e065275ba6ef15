package io.strata.csi.identity;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one monitor address as mon_host accepts it: {@code host:port}, {@code [v2:ip:port]},
 * {@code v1:ip:port}, {@code [::1]:6789}, or a bare host (port 6789, the v1 default).
 */
final class MonitorAddress {
  private static final int DEFAULT_PORT = 6789;
  private static final Pattern BRACKETED_IPV6 =
      Pattern.compile("^\\[([0-9a-fA-F:.]+)](?::(\\d+))?$");

  private MonitorAddress() {}

  static Optional<InetSocketAddress> parse(String address) {
    String value = address.strip();
    if (value.startsWith("[v1:") || value.startsWith("[v2:")) {
      value = value.substring(1, value.length() - (value.endsWith("]") ? 1 : 0));
    }
    if (value.startsWith("v1:") || value.startsWith("v2:")) {
      value = value.substring(3);
    }
    int slash = value.indexOf('/');
    if (slash >= 0) {
      value = value.substring(0, slash); // drop the nonce of "ip:port/nonce"
    }
    Matcher ipv6 = BRACKETED_IPV6.matcher(value);
    if (ipv6.matches()) {
      int port = ipv6.group(2) == null ? DEFAULT_PORT : Integer.parseInt(ipv6.group(2));
      return Optional.of(new InetSocketAddress(ipv6.group(1), port));
    }
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      return value.isEmpty()
          ? Optional.empty()
          : Optional.of(new InetSocketAddress(value, DEFAULT_PORT));
    }
    try {
      int port = Integer.parseInt(value.substring(colon + 1));
      return Optional.of(new InetSocketAddress(value.substring(0, colon), port));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
