package io.strata.operator.k8s.managed;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.operator.api.v1.CephClusterSpec.DashboardSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's settings in the monitors' config database, set only where they differ from {@code
 * config dump}. Set with force: the monitors learn a module's options only once a mgr has loaded
 * it, and these must be in place before it does.
 */
final class DashboardSettings {
  private final CephCommands ceph;

  DashboardSettings(CephCommands ceph) {
    this.ceph = ceph;
  }

  void converge(DashboardSpec spec) {
    Map<String, String> wanted = new LinkedHashMap<>();
    // Plain HTTP: TLS needs a certificate, which nothing here makes (spec.dashboard.ssl is
    // reported as not acted on).
    wanted.put("mgr/dashboard/ssl", "false");
    if (spec.port != null) {
      wanted.put("mgr/dashboard/server_port", spec.port.toString());
    }
    Map<String, String> current = new LinkedHashMap<>();
    for (JsonNode option : ceph.mon(Map.of("prefix", "config dump"))) {
      if (option.path("section").asText().equals("mgr")) {
        current.put(option.path("name").asText(), option.path("value").asText());
      }
    }
    wanted.forEach((name, value) -> {
      if (!value.equals(current.get(name))) {
        ceph.mon(
            Map.of(
                "prefix", "config set", "who", "mgr", "name", name, "value", value, "force", true));
      }
    });
  }
}
