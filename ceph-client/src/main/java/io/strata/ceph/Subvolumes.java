package io.strata.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CephFS subvolumes of one subvolume group in one filesystem, managed with the mgr volumes module's
 * commands (argument names as in Ceph 16's {@code src/pybind/mgr/volumes/module.py}). Failures are
 * {@link CephException}s carrying the module's own errno and text, which callers act on:
 *
 * <ul>
 *   <li>ENOENT: the filesystem, group, subvolume or snapshot does not exist;
 *   <li>EEXIST: a clone target already exists;
 *   <li>EAGAIN: the subvolume is a clone not yet complete (info, getpath, snapshots, rm without
 *       force), or a snapshot still has pending clones (snapshot rm);
 *   <li>ENOTEMPTY: rm of a subvolume that has snapshots;
 *   <li>ENOTSUP: clone status or cancel of a subvolume that is no clone;
 *   <li>EINVAL: cancel of a finished clone, or a resize below the used size with no_shrink.
 * </ul>
 *
 * <p>Stateless and thread-safe: every call is one mgr command over the shared connection.
 */
public final class Subvolumes {
  private final CephConnection ceph;
  private final String fsName;
  private final String group;

  public Subvolumes(CephConnection ceph, String fsName, String group) {
    this.ceph = ceph;
    this.fsName = requireName(fsName, "filesystem");
    this.group = requireName(group, "subvolume group");
  }

  public String fsName() {
    return fsName;
  }

  public String group() {
    return group;
  }

  /** Creates the subvolume group with default mode and layout; safe to repeat. */
  public void createGroup() {
    ceph.mgrCommand(
        Map.of("prefix", "fs subvolumegroup create", "vol_name", fsName, "group_name", group));
  }

  /**
   * Creates a subvolume with a quota of {@code sizeBytes} (none when 0) in a RADOS namespace shared
   * with the rest of the filesystem, with Ceph's default mode. Ceph treats a create of an existing
   * subvolume as success and applies the given quota and layout to it.
   *
   * @param dataPool the data pool for the subvolume's files, or null for the filesystem's default
   */
  public void create(String name, long sizeBytes, String dataPool) {
    Map<String, Object> command = command("fs subvolume create", name);
    if (sizeBytes > 0) {
      command.put("size", sizeBytes);
    }
    if (dataPool != null && !dataPool.isBlank()) {
      command.put("pool_layout", dataPool);
    }
    command.put("namespace_isolated", false);
    ceph.mgrCommand(command);
  }

  /** The names of the group's subvolumes; none when the group (or filesystem) does not exist. */
  public List<String> names() {
    try {
      JsonNode listed =
          ceph.mgrCommand(
                  Map.of("prefix", "fs subvolume ls", "vol_name", fsName, "group_name", group))
              .outputAs(JsonNode.class);
      List<String> names = new ArrayList<>();
      listed.forEach(entry -> names.add(entry.path("name").asText()));
      return names;
    } catch (CephException e) {
      if (e.kind() == Errno.ENOENT) {
        return List.of();
      }
      throw e;
    }
  }

  public SubvolumeInfo info(String name) {
    return SubvolumeInfo.parse(ceph.mgrCommand(command("fs subvolume info", name)).output());
  }

  /** The subvolume's absolute path inside the filesystem, what clients mount. */
  public String getPath(String name) {
    String path = ceph.mgrCommand(command("fs subvolume getpath", name)).output().strip();
    if (!path.startsWith("/")) {
      throw new CephException(
          "fs subvolume getpath " + name, Errno.EIO.value(), "unexpected answer '" + path + "'");
    }
    return path;
  }

  /**
   * Sets the quota to {@code sizeBytes}, refusing to go below the bytes already used (no_shrink).
   * Returns the quota now in force.
   */
  public long resize(String name, long sizeBytes) {
    Map<String, Object> command = command("fs subvolume resize", name);
    command.put("new_size", Long.toString(sizeBytes));
    command.put("no_shrink", true);
    JsonNode answer = SubvolumeJson.read(ceph.mgrCommand(command).output());
    for (JsonNode item : answer) {
      if (item.has("bytes_quota")) {
        return SubvolumeJson.bytes(item.path("bytes_quota"));
      }
    }
    throw new CephException("fs subvolume resize " + name, Errno.EIO.value(), "no bytes_quota");
  }

  /**
   * Removes the subvolume (its data is purged in the background). With {@code force}, a missing
   * subvolume is success and a clone that failed or was cancelled is removed too.
   */
  public void remove(String name, boolean force) {
    Map<String, Object> command = command("fs subvolume rm", name);
    if (force) {
      command.put("force", true);
    }
    ceph.mgrCommand(command);
  }

  /** Sets a key of the subvolume's user metadata (kept by the mgr, shown by metadata ls). */
  public void setMetadata(String name, String key, String value) {
    Map<String, Object> command = command("fs subvolume metadata set", name);
    command.put("key_name", key);
    command.put("value", value);
    ceph.mgrCommand(command);
  }

  /** Creates a snapshot; an existing snapshot of that name is success. */
  public void snapshotCreate(String name, String snapshot) {
    ceph.mgrCommand(snapshotCommand("fs subvolume snapshot create", name, snapshot));
  }

  /** Removes a snapshot; with {@code force}, a missing one is success. */
  public void snapshotRemove(String name, String snapshot, boolean force) {
    Map<String, Object> command = snapshotCommand("fs subvolume snapshot rm", name, snapshot);
    if (force) {
      command.put("force", true);
    }
    ceph.mgrCommand(command);
  }

  public List<String> snapshotList(String name) {
    JsonNode answer =
        SubvolumeJson.read(ceph.mgrCommand(command("fs subvolume snapshot ls", name)).output());
    List<String> names = new ArrayList<>();
    answer.forEach(s -> names.add(s.path("name").asText()));
    return names;
  }

  public SubvolumeSnapshotInfo snapshotInfo(String name, String snapshot) {
    return SubvolumeSnapshotInfo.parse(
        ceph.mgrCommand(snapshotCommand("fs subvolume snapshot info", name, snapshot)).output());
  }

  /**
   * Starts an asynchronous copy of {@code source@snapshot} into a new subvolume {@code target} of
   * the same group; follow it with {@link #cloneStatus}. The target is usable (info, getpath) only
   * once the clone is complete.
   *
   * @param dataPool the target's data pool, or null for the source snapshot's
   */
  public void clone(String source, String snapshot, String target, String dataPool) {
    Map<String, Object> command = snapshotCommand("fs subvolume snapshot clone", source, snapshot);
    command.put("target_sub_name", requireName(target, "clone target"));
    command.put("target_group_name", group); // left out, Ceph would put the clone in no group
    if (dataPool != null && !dataPool.isBlank()) {
      command.put("pool_layout", dataPool);
    }
    ceph.mgrCommand(command);
  }

  public CloneStatus cloneStatus(String target) {
    return CloneStatus.parse(ceph.mgrCommand(cloneCommand("fs clone status", target)).output());
  }

  /** Cancels a pending or running clone; the target stays, CANCELED, until removed with force. */
  public void cloneCancel(String target) {
    ceph.mgrCommand(cloneCommand("fs clone cancel", target));
  }

  /** A command on this group's subvolume {@code name}. */
  private Map<String, Object> command(String prefix, String name) {
    return command(prefix, "sub_name", requireName(name, "subvolume"));
  }

  private Map<String, Object> command(String prefix, String nameKey, String name) {
    Map<String, Object> command = new LinkedHashMap<>();
    command.put("prefix", prefix);
    command.put("vol_name", fsName);
    command.put(nameKey, name);
    command.put("group_name", group);
    return command;
  }

  private Map<String, Object> snapshotCommand(String prefix, String name, String snapshot) {
    Map<String, Object> command = command(prefix, name);
    command.put("snap_name", requireName(snapshot, "snapshot"));
    return command;
  }

  private Map<String, Object> cloneCommand(String prefix, String target) {
    return command(prefix, "clone_name", requireName(target, "clone"));
  }

  private static String requireName(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " name is required");
    }
    return value;
  }

  @Override
  public String toString() {
    return "Subvolumes[" + fsName + "/" + group + "]";
  }
}
