package io.strata.node.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One run of an external tool: an argument array (never a shell string), a time limit, an optional
 * environment and stdin, and the secret values that must never appear in a message. Keys never go
 * on the argument list: pass them in a {@link KeyFile} or on stdin, and name them in {@link
 * #redacting} so that a tool echoing one back (ceph tools print a malformed key in their errors)
 * cannot leak it through a log line or a gRPC status.
 */
public record Command(
    List<String> argv,
    Duration timeout,
    Map<String, String> environment,
    String stdin,
    Set<String> secrets) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final String REDACTED = "<redacted>";

  public Command {
    argv = List.copyOf(argv);
    if (argv.isEmpty() || argv.get(0).isBlank()) {
      throw new IllegalArgumentException("a command needs a program to run");
    }
    Objects.requireNonNull(timeout, "timeout");
    environment = Map.copyOf(environment);
    secrets = Set.copyOf(secrets);
  }

  public static Command of(String program, String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(program);
    argv.addAll(List.of(args));
    return of(argv);
  }

  public static Command of(List<String> argv) {
    return new Command(argv, DEFAULT_TIMEOUT, Map.of(), null, Set.of());
  }

  public Command timeout(Duration limit) {
    return new Command(argv, limit, environment, stdin, secrets);
  }

  public Command stdin(String input) {
    return new Command(argv, timeout, environment, input, secrets);
  }

  public Command env(String name, String value) {
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.put(name, value);
    return new Command(argv, timeout, env, stdin, secrets);
  }

  /** Marks a value (a key, a passphrase) that messages about this command must never show. */
  public Command redacting(String secret) {
    if (secret == null || secret.isEmpty()) {
      return this;
    }
    Set<String> all = new TreeSet<>(secrets);
    all.add(secret);
    return new Command(argv, timeout, environment, stdin, all);
  }

  public String program() {
    return argv.get(0);
  }

  /** Replaces every secret value in a text (tool output, a log tail) with a marker. */
  public String redact(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, REDACTED);
    }
    return out;
  }

  /** The command line as a person would type it, for messages; secrets redacted. */
  public String display() {
    return redact(argv.stream().map(Command::quote).collect(Collectors.joining(" ")));
  }

  private static String quote(String arg) {
    if (!arg.isEmpty() && arg.chars().noneMatch(c -> Character.isWhitespace(c) || c == '\'')) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  @Override
  public String toString() {
    return display();
  }
}
