package io.strata.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.ceph.CephConnection;
import io.strata.ceph.CephException;
import io.strata.ceph.CephUsers;
import io.strata.ceph.Cluster;
import io.strata.ceph.ConnectionSpec;
import io.strata.ceph.CsiUserCaps;
import io.strata.ceph.Errno;
import io.strata.ceph.Filesystems;
import io.strata.ceph.Health;
import io.strata.ceph.PoolSettings;
import io.strata.ceph.Pools;
import io.strata.ceph.RbdImages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's Ceph administration against the real local cluster: pools, CRUSH rules,
 * filesystems and cephx users. Everything it makes is named strata-it-... and removed again.
 */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
class CephAdminIT {
  private final LocalStackExtension.Stack stack;
  private final CephConnection admin;
  private final Pools pools;
  private final Filesystems filesystems;
  private final CephUsers users;
  private final String id = UUID.randomUUID().toString().substring(0, 8);

  // what a test made, removed after it whatever its outcome
  private final List<String> madeFilesystems = new ArrayList<>();
  private final List<String> madePools = new ArrayList<>();
  private final List<String> madeUsers = new ArrayList<>();

  CephAdminIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
    this.admin = stack.adminConnection();
    this.pools = new Pools(admin);
    this.filesystems = new Filesystems(admin);
    this.users = new CephUsers(admin);
  }

  @AfterEach
  void removeWhatTheTestMade() {
    madeFilesystems.forEach(filesystems::remove);
    madePools.forEach(pools::delete);
    madeUsers.forEach(users::delete);
    for (String pool : madePools) {
      assertTrue(pools.state(pool).isEmpty(), pool + " is left");
    }
    for (String entity : madeUsers) {
      assertTrue(users.caps(entity).isEmpty(), entity + " is left");
    }
    List<String> rules = crushRules();
    assertTrue(rules.stream().noneMatch(r -> r.startsWith("strata-it-")), rules::toString);
  }

  @Test
  void ensureCreatesAPoolThenChangesOnlyWhatDiffers() {
    String pool = pool("pool");
    PoolSettings first =
        new PoolSettings(
            pool,
            1,
            false,
            "osd",
            null,
            "aggressive",
            Map.of("compression_algorithm", "lz4"),
            "rbd");
    Pools.PoolState created = pools.ensure(first);
    assertEquals(pool, created.name());
    assertEquals(admin.poolId(pool), created.id());
    assertEquals(1, created.size());
    assertEquals(pool + "_osd", created.crushRule());
    assertEquals("aggressive", created.compressionMode());
    assertEquals("1", poolGet(pool, "size"));
    assertEquals("1", poolGet(pool, "min_size"));
    assertEquals(pool + "_osd", poolGet(pool, "crush_rule"));
    assertEquals("aggressive", poolGet(pool, "compression_mode"));
    assertEquals("lz4", poolGet(pool, "compression_algorithm"));
    assertEquals(List.of("rbd"), pools.applications(pool));
    assertEquals("osd", ruleFailureDomain(pool + "_osd"));

    String changed = lastChange(pool);
    pools.ensure(first);
    assertEquals(changed, lastChange(pool), "an ensure with nothing to change must send no set");

    Pools.PoolState updated =
        pools.ensure(
            new PoolSettings(
                pool,
                2,
                true,
                "host",
                null,
                "passive",
                Map.of("compression_algorithm", "snappy"),
                "rbd"));
    assertEquals(2, updated.size());
    assertEquals("2", poolGet(pool, "size"));
    assertEquals("1", poolGet(pool, "min_size"), "Ceph's default min_size for size 2");
    assertEquals(pool + "_host", poolGet(pool, "crush_rule"));
    assertEquals("host", ruleFailureDomain(pool + "_host"));
    assertFalse(crushRules().contains(pool + "_osd"), "the pool's old rule is removed");
    assertEquals("passive", poolGet(pool, "compression_mode"));
    assertEquals("snappy", poolGet(pool, "compression_algorithm"));

    assertTrue(pools.isEmpty(pool));
    admin.withPool(
        pool,
        "some-namespace",
        io -> {
          try {
            io.write("object", "x".getBytes(StandardCharsets.UTF_8));
            return null;
          } catch (com.ceph.rados.exceptions.RadosException e) {
            throw new IllegalStateException(e);
          }
        });
    assertFalse(pools.isEmpty(pool), "an object in any namespace, seen at once");

    // last, as one OSD cannot serve I/O at size 3 and min_size 2
    pools.ensure(new PoolSettings(pool, 3, true, null, null, null, Map.of(), null));
    assertEquals("2", poolGet(pool, "min_size"), "min_size rises with the size");
    assertEquals("replicated_rule", poolGet(pool, "crush_rule"), "no failure domain: default rule");
    assertFalse(crushRules().contains(pool + "_host"));
    assertEquals("passive", poolGet(pool, "compression_mode"), "null leaves compression alone");

    pools.delete(pool);
    assertTrue(pools.state(pool).isEmpty());
    assertFalse(admin.monCommand(Map.of("prefix", "osd pool ls")).output().contains(pool));
    pools.delete(pool);
    assertEquals(Errno.ENOENT, assertThrows(CephException.class, () -> pools.isEmpty(pool)).kind());
  }

  @Test
  void sizeOneWithRequireSafeReplicaSizeIsRefusedBeforeCephIsAsked() {
    String pool = pool("unsafe");
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                pools.ensure(new PoolSettings(pool, 1, true, "osd", null, null, Map.of(), "rbd")));
    assertTrue(refused.getMessage().contains("requireSafeReplicaSize"), refused.getMessage());
    assertTrue(pools.state(pool).isEmpty());
    assertFalse(crushRules().contains(pool + "_osd"));
  }

  @Test
  void deleteSaysWhyCephRefuses() {
    String pool = pool("nodelete");
    pools.ensure(new PoolSettings(pool, 1, false, null, null, null, Map.of("nodelete", "1"), null));
    assertEquals("true", poolGet(pool, "nodelete"));
    CephException refused = assertThrows(CephException.class, () -> pools.delete(pool));
    assertEquals(Errno.EPERM, refused.kind());
    assertTrue(refused.getMessage().contains("mon_allow_pool_delete"), refused.getMessage());
    pools.ensure(new PoolSettings(pool, 1, false, null, null, null, Map.of("nodelete", "0"), null));
    pools.delete(pool);
    assertTrue(pools.state(pool).isEmpty());
  }

  @Test
  void aSecondFilesystemOnFreshPools() {
    String fs = "strata-it-fs-" + id;
    String metadata = pool("fs-meta");
    String data = pool("fs-data");
    String more = pool("fs-data2");
    for (String pool : List.of(metadata, data, more)) {
      pools.ensure(new PoolSettings(pool, 1, false, null, null, null, Map.of(), "cephfs"));
    }
    boolean multipleBefore = filesystems.multipleAllowed();
    madeFilesystems.add(fs);
    filesystems.create(fs, metadata, List.of(data, more));
    filesystems.create(fs, metadata, List.of(data, more));

    Filesystems.Filesystem made = filesystems.byName(fs).orElseThrow();
    assertEquals(admin.poolId(metadata), made.metadataPoolId());
    assertEquals(List.of(admin.poolId(data), admin.poolId(more)), made.dataPoolIds());
    assertTrue(filesystems.multipleAllowed());
    // the tags that "allow rw tag cephfs data=<fs>" caps match
    assertEquals(fs, applicationMetadata(metadata).path("cephfs").path("metadata").asText());
    assertEquals(fs, applicationMetadata(more).path("cephfs").path("data").asText());

    filesystems.setMaxMds(fs, 2);
    assertEquals(2, mdsmap(fs).path("max_mds").asInt());
    filesystems.setStandbyReplay(fs, true);
    assertNotEquals(0, mdsmap(fs).path("flags").asInt() & (1 << 5));
    filesystems.setStandbyReplay(fs, false);
    assertEquals(0, mdsmap(fs).path("flags").asInt() & (1 << 5));

    IllegalStateException other =
        assertThrows(
            IllegalStateException.class, () -> filesystems.create(fs, data, List.of(more)));
    assertTrue(other.getMessage().contains(metadata), other.getMessage());

    filesystems.remove(fs);
    assertTrue(filesystems.byName(fs).isEmpty());
    filesystems.remove(fs);
    assertTrue(filesystems.byName(stack.cluster().fsName()).isPresent());
    if (!multipleBefore) {
      admin.monCommand(
          Map.of("prefix", "fs flag set", "flag_name", "enable_multiple", "val", "false"));
    }
  }

  @Test
  void usersKeepTheirKeyAndGetTheirCapsUpdated() throws Exception {
    String user = "strata-it-user-" + id;
    String entity = user("user");
    String key = users.ensure(entity, Map.of("mon", "allow r"));
    assertEquals(Map.of("mon", "allow r"), users.caps(entity).orElseThrow());
    assertEquals(key, users.ensure(entity, Map.of("mon", "allow r")));
    assertEquals(key, users.ensure(entity, CsiUserCaps.rbdProvisioner()));
    assertEquals(CsiUserCaps.rbdProvisioner(), users.caps(entity).orElseThrow());
    assertTrue(users.holdsKey(entity, key));
    assertFalse(users.holdsKey(entity, "AQBbogusbogusbogusbogusbogusbogusbogus=="));

    // what the rbd controller does with its own user: images, capacity, trash tasks
    String rbdPool = stack.cluster().rbdPool();
    ConnectionSpec spec =
        new ConnectionSpec(stack.cluster().monitors(), user, key, Duration.ofSeconds(10));
    try (CephConnection provisioner = CephConnection.open(spec)) {
      new RbdImages(provisioner, rbdPool, "").list();
      assertTrue(new Pools(provisioner).maxAvailable(rbdPool).isPresent());
      provisioner.mgrCommand(Map.of("prefix", "rbd task list"));
    }

    users.delete(entity);
    assertTrue(users.caps(entity).isEmpty());
    assertFalse(users.holdsKey(entity, key), "a deleted user holds no key");
    users.delete(entity);
    ConnectionSpec deleted =
        new ConnectionSpec(stack.cluster().monitors(), user, key, Duration.ofSeconds(3));
    CephException gone =
        assertThrows(CephException.class, () -> CephConnection.open(deleted).close());
    assertFalse(gone.getMessage().contains(key), "the key must not reach the message");
  }

  @Test
  void cephAcceptsEveryCsiCapSet() {
    String fs = stack.cluster().fsName();
    String rbdPool = stack.cluster().rbdPool();
    List<Map<String, String>> sets =
        List.of(
            CsiUserCaps.rbdProvisioner(),
            CsiUserCaps.rbdNode(),
            CsiUserCaps.cephfsProvisioner(),
            CsiUserCaps.cephfsNode(),
            CsiUserCaps.rbdProvisioner(rbdPool),
            CsiUserCaps.rbdNode(rbdPool),
            CsiUserCaps.cephfsProvisioner(fs),
            CsiUserCaps.cephfsNode(fs));
    for (int i = 0; i < sets.size(); i++) {
      String entity = user("caps-" + i);
      users.ensure(entity, sets.get(i));
      assertEquals(sets.get(i), users.caps(entity).orElseThrow(), entity);
    }

    // the CephFS controller's work: subvolume commands through the mgr
    String entity = user("caps-2");
    String key = users.ensure(entity, CsiUserCaps.cephfsProvisioner());
    ConnectionSpec spec =
        new ConnectionSpec(
            stack.cluster().monitors(),
            entity.substring("client.".length()),
            key,
            Duration.ofSeconds(10));
    try (CephConnection provisioner = CephConnection.open(spec)) {
      provisioner.mgrCommand(
          Map.of(
              "prefix",
              "fs subvolume ls",
              "vol_name",
              fs,
              "group_name",
              stack.cluster().subvolumeGroup()));
      assertTrue(new Filesystems(provisioner).byName(fs).isPresent());
    }
  }

  @Test
  void healthNamesTheClusterAndItsRawCapacity() {
    Health health = new Cluster(admin).health();
    assertTrue(health.status().startsWith("HEALTH_"), health.status());
    assertEquals(admin.fsid(), health.fsid());
    assertTrue(health.totalBytes() > 0);
    assertTrue(health.availableBytes() > 0 && health.availableBytes() <= health.totalBytes());
    assertTrue(health.usedBytes() > 0);
  }

  private String pool(String what) {
    String name = "strata-it-" + what + "-" + id;
    madePools.add(name);
    return name;
  }

  private String user(String what) {
    String entity = "client.strata-it-" + what + "-" + id;
    madeUsers.add(entity);
    return entity;
  }

  private String poolGet(String pool, String variable) {
    return admin
        .monCommand(Map.of("prefix", "osd pool get", "pool", pool, "var", variable))
        .outputAs(JsonNode.class)
        .path(variable)
        .asText();
  }

  private JsonNode poolDetail(String pool) {
    for (JsonNode detail :
        admin
            .monCommand(Map.of("prefix", "osd pool ls", "detail", "detail"))
            .outputAs(JsonNode.class)) {
      if (detail.path("pool_name").asText().equals(pool)) {
        return detail;
      }
    }
    throw new AssertionError("no pool " + pool);
  }

  /** The osdmap epoch of the pool's last change: it moves with every set on the pool. */
  private String lastChange(String pool) {
    return poolDetail(pool).path("last_change").asText();
  }

  private JsonNode applicationMetadata(String pool) {
    return poolDetail(pool).path("application_metadata");
  }

  private List<String> crushRules() {
    List<String> rules = new ArrayList<>();
    admin
        .monCommand(Map.of("prefix", "osd crush rule ls"))
        .outputAs(JsonNode.class)
        .forEach(rule -> rules.add(rule.asText()));
    return rules;
  }

  /** The bucket type a rule spreads replicas over ("osd", "host"). */
  private String ruleFailureDomain(String rule) {
    JsonNode dump =
        admin
            .monCommand(Map.of("prefix", "osd crush rule dump", "name", rule))
            .outputAs(JsonNode.class);
    for (JsonNode step : dump.path("steps")) {
      if (step.path("op").asText().startsWith("choose")) {
        return step.path("type").asText();
      }
    }
    throw new AssertionError("rule " + rule + " chooses nothing: " + dump);
  }

  private JsonNode mdsmap(String fs) {
    for (JsonNode entry :
        admin
            .monCommand(Map.of("prefix", "fs dump"))
            .outputAs(JsonNode.class)
            .path("filesystems")) {
      if (entry.path("mdsmap").path("fs_name").asText().equals(fs)) {
        return entry.path("mdsmap");
      }
    }
    throw new AssertionError("no filesystem " + fs);
  }
}
