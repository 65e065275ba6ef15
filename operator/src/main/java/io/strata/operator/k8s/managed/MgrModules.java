package io.strata.operator.k8s.managed;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.operator.api.v1.CephClusterSpec;
import io.strata.operator.api.v1.CephClusterSpec.MgrModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns mgr modules on and off as spec.mgr.modules and spec.dashboard say, changing only what
 * differs from {@code mgr module ls}: every change is a monitor proposal. Modules the spec does not
 * name are left as they are. The dashboard is served over plain HTTP on spec.dashboard.port (its
 * own default otherwise).
 */
final class MgrModules {
  private static final String DASHBOARD = "dashboard";

  private final CephCommands ceph;

  MgrModules(CephCommands ceph) {
    this.ceph = ceph;
  }

  /** Returns the JSON paths of entries it could not honour (an always-on module turned off). */
  List<String> converge(CephClusterSpec spec) {
    Map<String, Boolean> wanted = new LinkedHashMap<>();
    Map<String, String> paths = new LinkedHashMap<>();
    for (int i = 0; i < spec.mgr.modules.size(); i++) {
      MgrModule module = spec.mgr.modules.get(i);
      if (module.name != null && !module.name.isBlank()) {
        wanted.put(module.name, module.enabled);
        paths.put(module.name, "spec.mgr.modules[" + i + "].enabled");
      }
    }
    if (spec.dashboard != null) {
      wanted.put(DASHBOARD, spec.dashboard.enabled);
      paths.put(DASHBOARD, "spec.dashboard.enabled");
      if (spec.dashboard.enabled) {
        new DashboardSettings(ceph).converge(spec.dashboard);
      }
    }
    JsonNode ls = ceph.mon(Map.of("prefix", "mgr module ls"));
    Set<String> alwaysOn = names(ls.path("always_on_modules"));
    Set<String> enabled = names(ls.path("enabled_modules"));
    List<String> notActedOn = new ArrayList<>();
    wanted.forEach((module, on) -> {
      if (alwaysOn.contains(module)) {
        if (!on) {
          notActedOn.add(paths.get(module));
        }
      } else if (on && !enabled.contains(module)) {
        ceph.mon(Map.of("prefix", "mgr module enable", "module", module));
      } else if (!on && enabled.contains(module)) {
        ceph.mon(Map.of("prefix", "mgr module disable", "module", module));
      }
    });
    return notActedOn;
  }

  private static Set<String> names(JsonNode array) {
    Set<String> names = new HashSet<>();
    array.forEach(node -> names.add(node.asText()));
    return names;
  }
}
