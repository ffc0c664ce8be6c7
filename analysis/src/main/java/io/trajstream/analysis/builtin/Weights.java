package io.trajstream.analysis.builtin;

import io.trajstream.analysis.AnalysisContext;
import io.trajstream.analysis.AnalysisParams;
import java.util.Locale;

/** The {@code weights} parameter: {@code none} (equal weights) or {@code mass} (needs masses from a topology). */
public enum Weights {
  NONE,
  MASS;

  public static Weights from(AnalysisParams params, Weights defaultValue) {
    String v = params.get("weights").orElse(null);
    if (v == null) {
      return defaultValue;
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "none":
        return NONE;
      case "mass":
        return MASS;
      default:
        throw new IllegalArgumentException("parameter weights=" + v + " is not one of none, mass");
    }
  }

  /** The per-atom weights for a run (null for equal weights). */
  public double[] resolve(AnalysisContext ctx, String analysis) {
    if (this == NONE) {
      return null;
    }
    return ctx.masses().orElseThrow(() -> new IllegalStateException(
        analysis + " with weights=mass needs atom masses: give a topology (PDB or GRO)"));
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
