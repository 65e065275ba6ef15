package io.strata.cli;

import io.strata.csi.identity.PluginInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code strata --version}: the same version GetPluginInfo reports. */
public final class BuildVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"strata " + PluginInfo.of(PluginInfo.RBD_DRIVER).version()};
  }
}
