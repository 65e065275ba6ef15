package io.strata.cli;

import io.strata.csi.identity.PluginInfo;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Flags both plugin commands take. */
public final class PluginOptions {
  /** The Ceph backend a plugin instance serves. */
  public enum Type {
    rbd(PluginInfo.RBD_DRIVER),
    cephfs(PluginInfo.CEPHFS_DRIVER);

    private final String defaultDriverName;

    Type(String defaultDriverName) {
      this.defaultDriverName = defaultDriverName;
    }
  }

  @Option(names = "--type", required = true, description = "Backend: ${COMPLETION-CANDIDATES}.")
  Type type;

  @Option(
      names = "--endpoint",
      defaultValue = "unix:///csi/csi.sock",
      description = "Where to serve: unix:///path or tcp://host:port (default: ${DEFAULT-VALUE}).")
  String endpoint;

  @Option(
      names = "--driver-name",
      description = "CSI driver name (default: rbd.csi.strata.io or cephfs.csi.strata.io).")
  String driverName;

  @Option(
      names = "--cluster-config",
      defaultValue = "/etc/strata/config.json",
      description = "JSON file mapping clusterID to monitors (default: ${DEFAULT-VALUE}).")
  Path clusterConfig;

  @Option(
      names = "--workers",
      defaultValue = "32",
      description = "Calls served at once; more wait in a queue (default: ${DEFAULT-VALUE}).")
  int workers;

  /** How log lines look on stderr. */
  public enum LogFormat {
    text,
    json
  }

  @Option(
      names = "--metrics-address",
      description =
          "Serve Prometheus /metrics and /healthz over HTTP on host:port (:port for every"
              + " interface, port 0 for a free one). Off unless given.")
  String metricsAddress;

  @Option(
      names = "--log-format",
      defaultValue = "text",
      description =
          "Log lines on stderr: ${COMPLETION-CANDIDATES} (one JSON object per line)"
              + " (default: ${DEFAULT-VALUE}).")
  LogFormat logFormat;

  String driverName() {
    return driverName != null ? driverName : type.defaultDriverName;
  }
}
