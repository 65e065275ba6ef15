package io.strata.node.attach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses the JSON list of mapped images that {@code rbd showmapped --format json} (fields id, pool,
 * namespace, name, snap, device) and {@code rbd-nbd list-mapped --format json} (the same, with
 * "image" for the name and the daemon pid as id) print.
 */
public final class MappedDevices {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MappedDevices() {}

  /** One mapped image; snap is "-" for the image head. */
  public record MappedDevice(
      String pool, String namespace, String image, String snap, String device) {
    public boolean isHeadOf(ImageSpec spec) {
      return pool.equals(spec.pool())
          && namespace.equals(spec.namespace())
          && image.equals(spec.image())
          && (snap.isEmpty() || snap.equals("-"));
    }
  }

  public static List<MappedDevice> parse(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("unparsable list of mapped devices: " + e.getMessage(), e);
    }
    // pre-luminous rbd printed an object keyed by id; current tools print an array
    List<MappedDevice> devices = new ArrayList<>();
    root.elements().forEachRemaining(node -> devices.add(device(node)));
    return devices;
  }

  private static MappedDevice device(JsonNode node) {
    String image = node.hasNonNull("name") ? node.get("name").asText() : text(node, "image");
    return new MappedDevice(
        text(node, "pool"),
        text(node, "namespace"),
        image,
        text(node, "snap"),
        text(node, "device"));
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : "";
  }

  /** The device where the head of {@code spec} is mapped, if it is. */
  public static Optional<String> deviceOf(List<MappedDevice> devices, ImageSpec spec) {
    return devices.stream().filter(d -> d.isHeadOf(spec)).map(MappedDevice::device).findFirst();
  }

  /** The last non-empty line of a map command's stdout: the device it created. */
  public static String deviceFromMapOutput(String stdout) {
    String device =
        stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("");
    // rbd-nbd --show-cookie prints "<device> <cookie>"
    int space = device.indexOf(' ');
    device = space > 0 ? device.substring(0, space) : device;
    if (!device.startsWith("/dev/")) {
      throw new IllegalStateException("map printed no device: '" + stdout.strip() + "'");
    }
    return device;
  }
}
