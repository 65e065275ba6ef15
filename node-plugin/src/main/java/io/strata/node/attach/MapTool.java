package io.strata.node.attach;

import java.util.ArrayList;
import java.util.List;

/**
 * The two tools that map an image to a kernel block device. They differ only in their program, how
 * they list mappings and how map options become arguments.
 */
enum MapTool {
  /**
   * The kernel RBD client: {@code rbd map} hands the key to the kernel keyring, so it never appears
   * in /sys or on a command line. Options go as one {@code --options a,b=c}.
   */
  KRBD(AttachMethod.KRBD, "rbd", "showmapped") {
    @Override
    List<String> optionArguments(List<String> options) {
      return options.isEmpty() ? List.of() : List.of("--options", String.join(",", options));
    }
  },

  /**
   * rbd-nbd: a user-space daemon serving /dev/nbdX; {@code list-mapped} shows only devices whose
   * daemon lives. Options become flags: {@code try-netlink,io-timeout=30} gives {@code
   * --try-netlink --io-timeout 30}.
   */
  RBD_NBD(AttachMethod.RBD_NBD, "rbd-nbd", "list-mapped") {
    @Override
    List<String> optionArguments(List<String> options) {
      List<String> arguments = new ArrayList<>();
      for (String option : options) {
        int eq = option.indexOf('=');
        if (eq < 0) {
          arguments.add("--" + option);
        } else {
          arguments.add("--" + option.substring(0, eq));
          arguments.add(option.substring(eq + 1));
        }
      }
      return arguments;
    }
  };

  final AttachMethod method;
  final String program;
  final String listVerb;

  MapTool(AttachMethod method, String program, String listVerb) {
    this.method = method;
    this.program = program;
    this.listVerb = listVerb;
  }

  abstract List<String> optionArguments(List<String> options);
}
