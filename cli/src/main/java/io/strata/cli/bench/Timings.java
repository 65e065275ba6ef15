package io.strata.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stats of every RPC one run made, in the order the RPCs were first made. */
final class Timings {
  private final Map<String, RpcStats> byRpc = new LinkedHashMap<>();

  synchronized RpcStats of(String rpc) {
    return byRpc.computeIfAbsent(rpc, name -> new RpcStats());
  }

  synchronized List<RpcSummary> summaries(Duration elapsed) {
    List<RpcSummary> rows = new ArrayList<>();
    byRpc.forEach((rpc, stats) -> rows.add(stats.summary(rpc, elapsed)));
    return rows;
  }
}
