package io.strata.csi.identity;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Pattern;

/** The driver's name and the build's version, as GetPluginInfo reports them. */
public record PluginInfo(String driverName, String version) {
  public static final String RBD_DRIVER = "rbd.csi.strata.io";
  public static final String CEPHFS_DRIVER = "cephfs.csi.strata.io";

  // CSI: at most 63 characters, domain-name style, starting and ending alphanumeric.
  private static final Pattern NAME =
      Pattern.compile("^[a-zA-Z0-9]([a-zA-Z0-9.-]{0,61}[a-zA-Z0-9])?$");

  public PluginInfo {
    if (driverName == null || !NAME.matcher(driverName).matches()) {
      throw new IllegalArgumentException(
          "driver name '"
              + driverName
              + "' must be at most 63 characters of letters, digits,"
              + " '-' and '.', starting and ending with a letter or digit");
    }
  }

  /** Uses the version the build wrote into version.properties. */
  public static PluginInfo of(String driverName) {
    return new PluginInfo(driverName, buildVersion());
  }

  static String buildVersion() {
    try (InputStream in =
        PluginInfo.class.getResourceAsStream("/io/strata/csi/version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
