package io.strata.test;

import io.grpc.ManagedChannel;
import io.strata.ceph.CephConnection;
import io.strata.cli.LocalStack;
import io.strata.csi.ClusterAccess;
import io.strata.csi.client.CsiChannels;
import io.strata.operator.local.LocalClusterInfo;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the local stack (one-node Ceph and the four plugin processes) once per test run, in {@code
 * target/strata-it} on free ports, and hands tests a {@link Stack}. The stack is stopped when the
 * run ends; its directory stays for the next run to reuse until {@code mvn clean}. Override the
 * directory with {@code -Dstrata.it.dir=...}.
 */
public final class LocalStackExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalStackExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Stack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Stack.class, key -> Stack.start(), Stack.class);
  }

  /** The running stack, its admin access and channels to each plugin. */
  public static final class Stack implements ExtensionContext.Store.CloseableResource {
    private final LocalStack stack;
    private final LocalStack.Info info;
    private final CephConnection admin;
    private final Map<LocalStack.Plugin, ManagedChannel> channels =
        new EnumMap<>(LocalStack.Plugin.class);

    private Stack(LocalStack stack, LocalStack.Info info) {
      this.stack = stack;
      this.info = info;
      this.admin = CephConnection.open(info.cluster().adminConnection());
    }

    static Stack start() {
      Path dir = Path.of(System.getProperty("strata.it.dir", "target/strata-it"));
      LocalStack stack = new LocalStack(dir);
      return new Stack(stack, stack.up());
    }

    public LocalClusterInfo cluster() {
      return info.cluster();
    }

    public LocalStack.Info info() {
      return info;
    }

    /** A connection as client.admin, shared by every test; closed when the run ends. */
    public CephConnection adminConnection() {
      return admin;
    }

    /** CSI secrets for client.admin, as a StorageClass's secret would carry them. */
    public Map<String, String> adminSecrets() {
      return Map.of(ClusterAccess.USER_ID, "admin", ClusterAccess.USER_KEY, cluster().adminKey());
    }

    public synchronized ManagedChannel channel(LocalStack.Plugin plugin) {
      return channels.computeIfAbsent(plugin, p -> CsiChannels.open(info.endpoints().get(p)));
    }

    @Override
    public void close() {
      channels.values().forEach(ManagedChannel::shutdownNow);
      admin.close();
      stack.down();
    }
  }
}
