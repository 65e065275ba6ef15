package io.strata.node.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MappedDevicesTest {
  // rbd showmapped --format json (Ceph 16)
  static final String SHOWMAPPED =
      "[{\"id\":\"0\",\"pool\":\"rbd\",\"namespace\":\"\","
          + "\"name\":\"csi-vol-1\",\"snap\":\"-\",\"device\":\"/dev/rbd0\"},"
          + "{\"id\":\"1\",\"pool\":\"rbd\",\"namespace\":\"\",\"name\":\"csi-vol-1\","
          + "\"snap\":\"s1\",\"device\":\"/dev/rbd1\"}]";
  // rbd-nbd list-mapped --format json (Ceph 16): id is the daemon's pid
  static final String NBD =
      "[{\"id\":12345,\"pool\":\"rbd\",\"namespace\":\"ns1\","
          + "\"image\":\"csi-vol-2\",\"snap\":\"-\",\"device\":\"/dev/nbd0\"}]";

  @Test
  void parsesShowmapped() {
    List<MappedDevices.MappedDevice> devices = MappedDevices.parse(SHOWMAPPED);
    assertEquals(2, devices.size());
    assertEquals(
        new MappedDevices.MappedDevice("rbd", "", "csi-vol-1", "-", "/dev/rbd0"), devices.get(0));
    assertEquals(
        Optional.of("/dev/rbd0"),
        MappedDevices.deviceOf(devices, new ImageSpec("rbd", "", "csi-vol-1")));
    assertEquals(
        Optional.empty(), MappedDevices.deviceOf(devices, new ImageSpec("rbd", "ns", "csi-vol-1")));
  }

  @Test
  void parsesNbdListMapped() {
    List<MappedDevices.MappedDevice> devices = MappedDevices.parse(NBD);
    assertEquals(
        Optional.of("/dev/nbd0"),
        MappedDevices.deviceOf(devices, new ImageSpec("rbd", "ns1", "csi-vol-2")));
  }

  @Test
  void anEmptyListIsEmpty() {
    assertEquals(List.of(), MappedDevices.parse("[]"));
    assertEquals(List.of(), MappedDevices.parse("\n"));
  }

  @Test
  void readsTheDeviceFromMapOutput() {
    assertEquals("/dev/rbd3", MappedDevices.deviceFromMapOutput("/dev/rbd3\n"));
    assertEquals("/dev/nbd1", MappedDevices.deviceFromMapOutput("warning\n/dev/nbd1 cookie-x\n"));
    assertThrows(IllegalStateException.class, () -> MappedDevices.deviceFromMapOutput(""));
  }
}
