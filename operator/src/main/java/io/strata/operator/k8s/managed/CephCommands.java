package io.strata.operator.k8s.managed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.strata.ceph.CephConnection;
import io.strata.ceph.CephException;
import java.io.IOException;
import java.util.Map;

/**
 * The monitor and manager commands the managed runtime sends, answered as JSON. An interface so
 * that the steps can be tested without a cluster; {@link #of} is the real one. Answers may carry
 * keys ({@code auth get-or-create}): callers never log them.
 */
interface CephCommands {
  /** A monitor command; an empty answer is a missing node. */
  JsonNode mon(Map<String, ?> command);

  /** A manager command; an empty answer is a missing node. */
  JsonNode mgr(Map<String, ?> command);

  static CephCommands of(CephConnection ceph) {
    return new CephCommands() {
      @Override
      public JsonNode mon(Map<String, ?> command) {
        return parse(command, ceph.monCommand(command).output());
      }

      @Override
      public JsonNode mgr(Map<String, ?> command) {
        return parse(command, ceph.mgrCommand(command).output());
      }
    };
  }

  private static JsonNode parse(Map<String, ?> command, String output) {
    if (output.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return Json.MAPPER.readTree(output);
    } catch (IOException e) {
      // the answer is not shown: it may hold a key
      throw new CephException("parse the answer to '" + command.get("prefix") + "'", 0, null);
    }
  }
}
