package io.trajstream.analysis;

import io.trajstream.format.Options;
import java.util.Map;

/**
 * Parameters of an analysis as strings (e.g. {@code ref=0}, {@code weights=mass}, {@code
 * nbins=75}, {@code range=0:15}); typed getters name the bad key.
 */
public final class AnalysisParams extends Options {
  private static final long serialVersionUID = 1L;

  private AnalysisParams(Map<String, String> values) {
    super(values);
  }

  public static AnalysisParams of(Map<String, String> values) {
    return new AnalysisParams(values);
  }

  public static AnalysisParams empty() {
    return new AnalysisParams(Map.of());
  }

  public AnalysisParams with(String key, String value) {
    return new AnalysisParams(copyWith(key, value));
  }

  public double getDouble(String key, double defaultValue) {
    String v = get(key).orElse(null);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("parameter " + key + "=" + io.trajstream.Secrets.shown(key, v) + " is not a number");
    }
  }
}
