package io.strata.cli.bench;

import java.util.Map;

/**
 * A volume a run created: the name it asked for, the id the target answered, and the context a node
 * needs to stage it (empty for raw Ceph targets).
 */
record Volume(String name, String id, Map<String, String> context) {
  Volume {
    context = Map.copyOf(context);
  }
}
