package io.strata.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Two runs of one scenario side by side: for each RPC both made successfully, the numerator's p50,
 * p99 and ops/s divided by the denominator's. Against a raw baseline the p50 ratio is the plugin's
 * overhead factor.
 */
record Comparison(String scenario, String numerator, String denominator, List<Ratio> ratios) {
  record Ratio(String rpc, double p50, double p99, double opsPerSecond) {}

  Comparison {
    ratios = List.copyOf(ratios);
  }

  static Comparison of(RunReport numerator, RunReport denominator) {
    Map<String, RpcSummary> base =
        denominator.rpcs().stream().collect(Collectors.toMap(RpcSummary::rpc, Function.identity()));
    List<Ratio> ratios = new ArrayList<>();
    for (RpcSummary row : numerator.rpcs()) {
      RpcSummary other = base.get(row.rpc());
      if (other != null && row.ok() > 0 && other.ok() > 0) {
        ratios.add(
            new Ratio(
                row.rpc(),
                divide(row.p50Ms(), other.p50Ms()),
                divide(row.p99Ms(), other.p99Ms()),
                divide(row.opsPerSecond(), other.opsPerSecond())));
      }
    }
    return new Comparison(numerator.scenario(), numerator.target(), denominator.target(), ratios);
  }

  private static double divide(double a, double b) {
    return b == 0 ? 0 : a / b;
  }
}
