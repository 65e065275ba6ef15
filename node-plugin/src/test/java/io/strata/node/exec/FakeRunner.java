package io.strata.node.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link CommandRunner} for unit tests: records every command and answers from scripted results,
 * chosen by the longest matching argv prefix; anything unscripted succeeds with empty output.
 */
public final class FakeRunner implements CommandRunner {
  private final Map<List<String>, Function<Command, Answer>> answers = new LinkedHashMap<>();
  public final List<Command> commands = new ArrayList<>();

  public record Answer(int exitCode, String stdout, String stderr) {}

  public FakeRunner on(List<String> argvPrefix, int exitCode, String stdout, String stderr) {
    answers.put(List.copyOf(argvPrefix), c -> new Answer(exitCode, stdout, stderr));
    return this;
  }

  public FakeRunner on(List<String> argvPrefix, Function<Command, Answer> answer) {
    answers.put(List.copyOf(argvPrefix), answer);
    return this;
  }

  public FakeRunner onOk(List<String> argvPrefix, String stdout) {
    return on(argvPrefix, 0, stdout, "");
  }

  @Override
  public CommandResult run(Command command) {
    commands.add(command);
    Function<Command, Answer> best = null;
    int bestLength = -1;
    for (var entry : answers.entrySet()) {
      List<String> prefix = entry.getKey();
      if (prefix.size() > bestLength
          && command.argv().size() >= prefix.size()
          && command.argv().subList(0, prefix.size()).equals(prefix)) {
        best = entry.getValue();
        bestLength = prefix.size();
      }
    }
    Answer answer = best == null ? new Answer(0, "", "") : best.apply(command);
    return new CommandResult(
        command, answer.exitCode(), answer.stdout(), answer.stderr(), Duration.ZERO);
  }

  /** The argv of every command run, in order. */
  public List<List<String>> argvs() {
    return commands.stream().map(Command::argv).toList();
  }

  /** The argv of the commands whose program is {@code program}. */
  public List<List<String>> argvsOf(String program) {
    return commands.stream().filter(c -> c.program().equals(program)).map(Command::argv).toList();
  }
}
