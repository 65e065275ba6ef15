package io.strata.operator.k8s.managed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.ceph.CephException;
import io.strata.operator.bootstrap.CephxKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Monitors that answer the commands the managed runtime sends, in the shapes Ceph 16.2.15 answers
 * them (checked by hand against a real monitor): osd new, auth get-or-create, mgr module ls, config
 * dump, fs get.
 */
final class FakeCeph implements CephCommands {
  final List<Map<String, ?>> commands = new ArrayList<>();
  final Map<String, Integer> osdIds = new LinkedHashMap<>();
  final Map<String, String> keys = new HashMap<>();
  final Set<String> enabledModules = new LinkedHashSet<>(List.of("iostat", "restful"));
  final Set<String> alwaysOn = Set.of("balancer", "pg_autoscaler", "volumes", "status");
  final Map<String, String> mgrConfig = new LinkedHashMap<>();

  /** The filesystems' MDS maps; absent ones answer ENOENT. */
  final Map<String, ObjectNode> mdsmaps = new HashMap<>();

  int failOsdNew;

  @Override
  public JsonNode mon(Map<String, ?> command) {
    commands.add(command);
    String prefix = (String) command.get("prefix");
    return switch (prefix) {
      case "osd new" -> osdNew((String) command.get("uuid"));
      case "auth get-or-create" -> auth((String) command.get("entity"), command.get("caps"));
      case "mgr module ls" -> moduleLs();
      case "mgr module enable" -> toggle((String) command.get("module"), true);
      case "mgr module disable" -> toggle((String) command.get("module"), false);
      case "config dump" -> configDump();
      case "config set" -> configSet(command);
      case "fs get" -> fsGet((String) command.get("fs_name"));
      case "fs set" -> MissingNode.getInstance();
      default -> throw new AssertionError("unexpected command " + command);
    };
  }

  @Override
  public JsonNode mgr(Map<String, ?> command) {
    throw new AssertionError("unexpected mgr command " + command);
  }

  List<String> prefixes() {
    return commands.stream().map(c -> (String) c.get("prefix")).toList();
  }

  long count(String prefix) {
    return prefixes().stream().filter(prefix::equals).count();
  }

  private JsonNode osdNew(String uuid) {
    if (failOsdNew > 0) {
      failOsdNew--;
      throw new CephException("mon command 'osd new'", -110, "timed out");
    }
    int id = osdIds.computeIfAbsent(uuid, u -> osdIds.size());
    return Json.MAPPER.createObjectNode().put("osdid", id);
  }

  private JsonNode auth(String entity, Object caps) {
    String key = keys.computeIfAbsent(entity, e -> new CephxKey().generate());
    ArrayNode answer = Json.MAPPER.createArrayNode();
    ObjectNode entry = answer.addObject().put("entity", entity).put("key", key);
    ObjectNode capsNode = entry.putObject("caps");
    List<?> list = (List<?>) caps;
    for (int i = 0; i + 1 < list.size(); i += 2) {
      capsNode.put((String) list.get(i), (String) list.get(i + 1));
    }
    return answer;
  }

  private JsonNode moduleLs() {
    ObjectNode ls = Json.MAPPER.createObjectNode();
    alwaysOn.forEach(ls.putArray("always_on_modules")::add);
    enabledModules.forEach(ls.putArray("enabled_modules")::add);
    ls.putArray("disabled_modules");
    return ls;
  }

  private JsonNode toggle(String module, boolean on) {
    if (on) {
      enabledModules.add(module);
    } else {
      enabledModules.remove(module);
    }
    return MissingNode.getInstance();
  }

  private JsonNode configDump() {
    ArrayNode dump = Json.MAPPER.createArrayNode();
    mgrConfig.forEach((name, value) ->
        dump.addObject().put("section", "mgr").put("name", name).put("value", value));
    return dump;
  }

  private JsonNode configSet(Map<String, ?> command) {
    mgrConfig.put((String) command.get("name"), (String) command.get("value"));
    return MissingNode.getInstance();
  }

  private JsonNode fsGet(String name) {
    ObjectNode mdsmap = mdsmaps.get(name);
    if (mdsmap == null) {
      throw new CephException("mon command 'fs get'", -2, "filesystem '" + name + "' not found");
    }
    ObjectNode answer = Json.MAPPER.createObjectNode();
    answer.set("mdsmap", mdsmap);
    return answer;
  }
}
