package io.trajstream.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of JMH's JSON output ({@code -rf json}): the benchmark method, its parameters, the
 * primary score and the secondary metrics by name.
 */
public record JmhRecord(String method, Map<String, String> params, double score, double error, String unit,
    Map<String, Double> secondary) {

  static JmhRecord of(JsonNode n) {
    String b = n.path("benchmark").asText();
    Map<String, String> params = new LinkedHashMap<>();
    n.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
    Map<String, Double> sec = new LinkedHashMap<>();
    n.path("secondaryMetrics").fields().forEachRemaining(e -> sec.put(e.getKey(), e.getValue().path("score").asDouble()));
    JsonNode p = n.path("primaryMetric");
    return new JmhRecord(b.substring(b.lastIndexOf('.') + 1), params, p.path("score").asDouble(),
        p.path("scoreError").asDouble(Double.NaN), p.path("scoreUnit").asText(), sec);
  }

  public String param(String name) {
    return params.getOrDefault(name, "");
  }

  /** A secondary metric, or NaN when absent. */
  public double metric(String name) {
    return secondary.getOrDefault(name, Double.NaN);
  }

  /** {@code a / b} of two secondary metrics (sums over the same iterations), NaN when undefined. */
  public double ratio(String a, String b) {
    double d = metric(b);
    return d > 0 ? metric(a) / d : Double.NaN;
  }
}
