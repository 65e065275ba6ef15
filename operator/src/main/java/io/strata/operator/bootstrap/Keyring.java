package io.strata.operator.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Ceph keyring file: one section per entity with its key and capabilities, in the layout {@code
 * ceph-authtool} writes. Keys are secrets: {@link #toString()} never shows them.
 */
public record Keyring(List<Entry> entries) {
  public Keyring {
    entries = List.copyOf(entries);
  }

  public static Keyring of(Entry... entries) {
    return new Keyring(List.of(entries));
  }

  /**
   * One entity ("mon.", "client.admin", "osd.0"), its base64 key and caps by service ("mon" ->
   * "allow profile osd").
   */
  public record Entry(String entity, String key, Map<String, String> caps) {
    public Entry {
      Objects.requireNonNull(entity, "entity");
      Objects.requireNonNull(key, "key");
      caps = Map.copyOf(caps);
    }

    @Override
    public String toString() {
      return "Entry[entity=" + entity + ", caps=" + caps + "]";
    }
  }

  public Optional<String> keyOf(String entity) {
    return entries.stream().filter(e -> e.entity().equals(entity)).map(Entry::key).findFirst();
  }

  /** The file text; caps in a fixed (sorted) order so the output is stable. */
  public String render() {
    StringBuilder out = new StringBuilder();
    for (Entry entry : entries) {
      out.append('[').append(entry.entity()).append("]\n");
      out.append("\tkey = ").append(entry.key()).append('\n');
      entry.caps().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(cap ->
              out.append("\tcaps ")
                  .append(cap.getKey())
                  .append(" = \"")
                  .append(cap.getValue())
                  .append("\"\n"));
    }
    return out.toString();
  }

  /** Reads what {@link #render()} (or ceph-authtool) wrote; unknown lines are ignored. */
  public static Keyring parse(String text) {
    List<Entry> entries = new ArrayList<>();
    String entity = null;
    String key = null;
    Map<String, String> caps = new LinkedHashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("[") && line.endsWith("]")) {
        if (entity != null && key != null) {
          entries.add(new Entry(entity, key, caps));
        }
        entity = line.substring(1, line.length() - 1).strip();
        key = null;
        caps = new LinkedHashMap<>();
        continue;
      }
      int equals = line.indexOf('=');
      if (entity == null || equals < 0) {
        continue;
      }
      String name = line.substring(0, equals).strip();
      String value = unquote(line.substring(equals + 1).strip());
      if (name.equals("key")) {
        key = value;
      } else if (name.startsWith("caps ")) {
        caps.put(name.substring("caps ".length()).strip(), value);
      }
    }
    if (entity != null && key != null) {
      entries.add(new Entry(entity, key, caps));
    }
    return new Keyring(entries);
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  @Override
  public String toString() {
    return "Keyring" + entries;
  }
}
