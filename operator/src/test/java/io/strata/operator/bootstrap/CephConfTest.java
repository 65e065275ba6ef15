package io.strata.operator.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CephConfTest {
  private static final String FSID = "9d731699-6fb9-4135-8a8a-88418fcb240c";
  private final ClusterLayout layout = new ClusterLayout(Path.of("/var/tmp/strata/c1"));
  private final MonAddress mon = new MonAddress("127.0.0.1", 23300, 26789);
  private final String text = CephConf.singleNode(FSID, mon, layout).render();

  @Test
  void carriesTheOneNodeSettings() {
    Map<String, String> global = section("global");
    assertEquals(FSID, global.get("fsid"));
    assertEquals("[v2:127.0.0.1:23300,v1:127.0.0.1:26789]", global.get("mon host"));
    assertEquals("1", global.get("osd pool default size"));
    assertEquals("true", global.get("mon allow pool size one"));
    assertEquals("true", global.get("mon allow pool delete"));
    assertEquals("0", global.get("osd crush chooseleaf type"));
    assertEquals("false", global.get("ms bind ipv6"));
    assertEquals("cephx", global.get("auth cluster required"));
    assertEquals("cephx", global.get("auth client required"));
    assertEquals("false", global.get("mon warn on pool no redundancy"));
  }

  @Test
  void developmentMdsTicksEverySecondSoClonesFinishWithinOneCall() {
    assertEquals("1", section("mds").get("mds tick interval"));
    String containers =
        new CephConf(FSID, List.of(mon), layout, CephConf.Profile.containers(3, 1L << 30)).render();
    assertFalse(containers.contains("mds tick interval"), "clusters of pods keep Ceph's tick");
  }

  @Test
  void osdIsBluestoreOnAnEightGibSparseFileWithModestMemory() {
    Map<String, String> osd = section("osd");
    assertEquals("bluestore", osd.get("osd objectstore"));
    assertEquals("true", osd.get("bluestore block create"));
    assertEquals(Long.toString(8L << 30), osd.get("bluestore block size"));
    assertEquals(Long.toString(512L << 20), osd.get("osd memory target"));
    assertTrue(Long.parseLong(osd.get("bluestore cache size")) <= 128L << 20);
  }

  @Test
  void everyPathIsInsideTheClusterDirectory() {
    Matcher paths = Pattern.compile("= (/\\S*)").matcher(text);
    int count = 0;
    while (paths.find()) {
      assertTrue(paths.group(1).startsWith(layout.root() + "/"), paths.group(1));
      count++;
    }
    assertTrue(count >= 8, "expected data, log, run, admin socket and keyring paths");
    Map<String, String> global = section("global");
    assertEquals(layout.logDir() + "/$name.log", global.get("log file"));
    assertEquals(layout.asokDir() + "/$name.asok", global.get("admin socket"));
    assertEquals(layout.logDir() + "/cluster.log", global.get("mon cluster log file"));
    assertEquals("", global.get("pid file"));
  }

  @Test
  void dataDirectoriesMatchTheLayout() {
    for (Daemon daemon : CephBootstrap.DAEMONS) {
      String word = daemon.type().word();
      String template = section(word).get(word + " data");
      assertEquals(layout.dataDir(daemon).toString(), template.replace("$id", daemon.id()));
    }
    assertEquals("$osd_data/keyring", section("osd").get("keyring"));
  }

  @Test
  void identityReadsBackFsidAndMonitor() {
    CephConf.Identity identity = CephConf.identity(text);
    assertEquals(FSID, identity.fsid());
    assertEquals(mon, identity.mon());
  }

  @Test
  void identityNeedsBoth() {
    assertThrows(IllegalArgumentException.class, () -> CephConf.identity("[global]\nfsid = x\n"));
    assertThrows(
        IllegalArgumentException.class,
        () -> CephConf.identity("[mon]\nfsid = x\nmon host = [v2:a:1,v1:a:2]\n"));
  }

  /** Key/value pairs of one [section] of the rendered text. */
  private Map<String, String> section(String name) {
    Map<String, String> values = new LinkedHashMap<>();
    boolean inside = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("[")) {
        inside = line.equals("[" + name + "]");
      } else if (inside && line.contains(" = ")) {
        values.put(line.substring(0, line.indexOf(" = ")), line.substring(line.indexOf(" = ") + 3));
      } else if (inside && line.endsWith(" =")) {
        values.put(line.substring(0, line.length() - 2), "");
      }
    }
    return values;
  }
}
