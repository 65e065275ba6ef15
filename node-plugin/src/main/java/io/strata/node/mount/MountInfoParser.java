package io.strata.node.mount;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the mountinfo format (proc(5)): {@code id parent major:minor root mount-point options
 * [optional fields...] - fstype source super-options}. The kernel writes space, tab, newline and
 * backslash inside fields as octal escapes ({@code \040}, {@code \011}, {@code \012}, {@code
 * \134}); they are decoded here, as UTF-8 bytes.
 */
public final class MountInfoParser {
  private MountInfoParser() {}

  public static List<MountEntry> parse(String text) {
    List<MountEntry> entries = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        entries.add(parseLine(line));
      }
    }
    return entries;
  }

  static MountEntry parseLine(String line) {
    String[] f = line.strip().split(" ");
    int separator = -1;
    for (int i = 6; i < f.length; i++) {
      if (f[i].equals("-")) {
        separator = i;
        break;
      }
    }
    if (separator < 0 || separator + 2 >= f.length) {
      throw new IllegalArgumentException("not a mountinfo line: " + line);
    }
    String superOptions = separator + 3 < f.length ? f[separator + 3] : "";
    return new MountEntry(
        Integer.parseInt(f[0]),
        Integer.parseInt(f[1]),
        f[2],
        unescape(f[3]),
        Path.of(unescape(f[4])),
        f[5],
        f[separator + 1],
        unescape(f[separator + 2]),
        superOptions);
  }

  /** Decodes the kernel's {@code \ooo} octal escapes; anything else is kept as it is. */
  public static String unescape(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] raw = field.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\\' && isOctal(raw, i + 1)) {
        bytes.write(((raw[i + 1] - '0') << 6) | ((raw[i + 2] - '0') << 3) | (raw[i + 3] - '0'));
        i += 3;
      } else {
        bytes.write(raw[i]);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isOctal(byte[] raw, int from) {
    if (from + 2 >= raw.length) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (raw[i] < '0' || raw[i] > '7') {
        return false;
      }
    }
    return raw[from] <= '3';
  }
}
