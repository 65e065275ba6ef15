package io.strata.ceph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Cephx users ("client.csi-rbd-node") and their capabilities, per daemon type ("mon" -> "profile
 * rbd"). A user's key goes back to the caller only: it is never logged, and no exception here
 * carries it or the answer that held it.
 */
public final class CephUsers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CephConnection ceph;

  public CephUsers(CephConnection ceph) {
    this.ceph = ceph;
  }

  /**
   * Creates the user with {@code caps} unless it exists, sets its caps when they differ, and
   * returns its key, which stays the same across calls.
   */
  public String ensure(String entity, Map<String, String> caps) {
    requireEntity(entity);
    if (caps == null || caps.isEmpty()) {
      throw new IllegalArgumentException(entity + " needs capabilities, such as mon 'allow r'");
    }
    Map<String, String> wanted = new TreeMap<>(caps);
    Optional<User> user = get(entity);
    if (user.isEmpty()) {
      Map<String, Object> create = new TreeMap<>();
      create.put("prefix", "auth get-or-create");
      create.put("entity", entity);
      create.put("caps", flatten(wanted));
      if (ceph.release().hasAes256kAuth()) {
        // Such monitors make aes256k keys unless told; the plugins' librados reads only aes.
        create.put("key_type", "aes");
      }
      try {
        return parse(ceph.monCommand(create).output(), entity).key();
      } catch (CephException e) {
        // EINVAL also answers a create that lost a race to one with other caps: update those
        user = e.kind() == Errno.EINVAL ? get(entity) : Optional.empty();
        if (user.isEmpty()) {
          throw e;
        }
      }
    }
    if (!user.get().caps().equals(wanted)) {
      ceph.monCommand(Map.of("prefix", "auth caps", "entity", entity, "caps", flatten(wanted)));
    }
    return user.get().key();
  }

  /** The user's capabilities by daemon type; empty when the user does not exist. */
  public Optional<Map<String, String>> caps(String entity) {
    requireEntity(entity);
    return get(entity).map(User::caps);
  }

  /**
   * Whether the user exists with exactly this key: credentials someone else stored work against
   * this cluster. Compares without revealing either key.
   */
  public boolean holdsKey(String entity, String key) {
    requireEntity(entity);
    return get(entity)
        .map(user ->
            MessageDigest.isEqual(
                user.key().getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8)))
        .orElse(false);
  }

  /** Removes the user; its key stops working at once. A user that does not exist is no error. */
  public void delete(String entity) {
    requireEntity(entity);
    try {
      ceph.monCommand(Map.of("prefix", "auth rm", "entity", entity));
    } catch (CephException e) {
      if (e.kind() != Errno.ENOENT) {
        throw e;
      }
    }
  }

  private Optional<User> get(String entity) {
    try {
      return Optional.of(
          parse(ceph.monCommand(Map.of("prefix", "auth get", "entity", entity)).output(), entity));
    } catch (CephException e) {
      if (e.kind() == Errno.ENOENT) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** A keyring answer, [{"entity": ..., "key": ..., "caps": {"mon": ...}}], read without echo. */
  static User parse(String keyringJson, String entity) {
    JsonNode answer;
    try {
      answer = JSON.readTree(keyringJson);
    } catch (JsonProcessingException e) {
      answer = null; // its message may quote the key: drop it
    }
    JsonNode user = answer == null ? null : answer.path(0);
    if (user == null || !user.path("key").isTextual()) {
      throw new CephException("read the key of " + entity, Errno.EIO.value(), "unexpected answer");
    }
    Map<String, String> caps = new TreeMap<>();
    user.path("caps").properties().forEach(cap -> caps.put(cap.getKey(), cap.getValue().asText()));
    return new User(user.path("key").asText(), caps);
  }

  private static List<String> flatten(Map<String, String> caps) {
    List<String> flat = new ArrayList<>();
    caps.forEach((daemon, cap) -> {
      flat.add(daemon);
      flat.add(cap);
    });
    return flat;
  }

  private static void requireEntity(String entity) {
    if (entity == null || !entity.matches("[a-z]+\\.[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException(
          "'" + entity + "' is no cephx entity; name it like client.csi-rbd-node");
    }
  }

  /** A user's key and caps; its string form leaves the key out. */
  record User(String key, Map<String, String> caps) {
    @Override
    public String toString() {
      return "User[caps=" + caps + "]";
    }
  }
}
