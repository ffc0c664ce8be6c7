package io.trajstream.format;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * H5MD unit strings and their factors to MDAnalysis's base units: Angstrom, ps, Angstrom/ps and
 * kJ/(mol*Angstrom). A value {@code v} in unit {@code u} is {@code v * factor(u)} in the base unit.
 */
public final class Units {
  private Units() {}

  /** The physical quantities TrajStream converts. */
  public enum Quantity {
    LENGTH("Angstrom"),
    TIME("ps"),
    VELOCITY("Angstrom/ps"),
    FORCE("kJ/(mol*Angstrom)");

    private final String mdAnalysisUnit;

    Quantity(String mdAnalysisUnit) {
      this.mdAnalysisUnit = mdAnalysisUnit;
    }

    /** The MDAnalysis base unit, as MDAnalysis spells it. */
    public String mdAnalysisUnit() {
      return mdAnalysisUnit;
    }
  }

  private static final double AKMA_PS = 4.888821e-2;
  private static final double KCAL_KJ = 4.184;
  // 1 N = 1 J/m = 1/(1.66053892103219e-11) kJ/(mol*Angstrom)
  private static final double NEWTON = 1.0 / 1.66053892103219e-11;

  private static final Map<Quantity, Map<String, Double>> TABLE = new EnumMap<>(Quantity.class);

  static {
    Map<String, Double> length = new HashMap<>();
    for (String a : new String[] {"Angstrom", "angstrom", "A", "Å", "Ang"}) {
      length.put(a, 1.0);
    }
    length.put("nm", 10.0);
    length.put("pm", 0.01);
    length.put("fm", 1e-5);
    length.put("m", 1e10);
    TABLE.put(Quantity.LENGTH, length);

    Map<String, Double> time = new HashMap<>();
    time.put("ps", 1.0);
    time.put("fs", 1e-3);
    time.put("ns", 1e3);
    time.put("second", 1e12);
    time.put("sec", 1e12);
    time.put("s", 1e12);
    time.put("AKMA", AKMA_PS);
    TABLE.put(Quantity.TIME, time);

    Map<String, Double> velocity = new HashMap<>();
    velocity.put("Angstrom ps-1", 1.0);
    velocity.put("A ps-1", 1.0);
    velocity.put("Angstrom/ps", 1.0);
    velocity.put("Angstrom fs-1", 1e3);
    velocity.put("A fs-1", 1e3);
    velocity.put("Angstrom AKMA-1", 1.0 / AKMA_PS);
    velocity.put("A AKMA-1", 1.0 / AKMA_PS);
    velocity.put("nm ps-1", 10.0);
    velocity.put("nm/ps", 10.0);
    velocity.put("nm ns-1", 1e-2);
    velocity.put("pm ps-1", 1e-2);
    velocity.put("m s-1", 1e-2);
    TABLE.put(Quantity.VELOCITY, velocity);

    Map<String, Double> force = new HashMap<>();
    force.put("kJ mol-1 Angstrom-1", 1.0);
    force.put("kJ mol-1 A-1", 1.0);
    force.put("kJ/(mol*Angstrom)", 1.0);
    force.put("kJ mol-1 nm-1", 0.1);
    force.put("kJ/(mol*nm)", 0.1);
    force.put("kcal mol-1 Angstrom-1", KCAL_KJ);
    force.put("kcal mol-1 A-1", KCAL_KJ);
    force.put("Newton", NEWTON);
    force.put("N", NEWTON);
    force.put("J m-1", NEWTON);
    TABLE.put(Quantity.FORCE, force);
  }

  /** Whether {@code unit} is a known unit of {@code q}. */
  public static boolean isKnown(Quantity q, String unit) {
    return unit != null && TABLE.get(q).containsKey(unit.trim());
  }

  /**
   * The factor from {@code unit} to MDAnalysis's base unit of {@code q}. A null or empty unit means
   * "already in base units" (factor 1).
   *
   * @throws IllegalArgumentException naming the unit and quantity when unknown
   */
  public static double factor(Quantity q, String unit) {
    if (unit == null || unit.isBlank()) {
      return 1.0;
    }
    Double f = TABLE.get(q).get(unit.trim());
    if (f == null) {
      throw new IllegalArgumentException(
          "unknown " + q.name().toLowerCase(Locale.ROOT) + " unit '" + unit + "' (known: " + TABLE.get(q).keySet() + ")");
    }
    return f;
  }

  /** Converts a block in the units of {@code info} to MDAnalysis units. */
  public static FrameBlock toMdAnalysis(FrameBlock block, TrajectoryInfo info) {
    Map<Field, Double> factors = new EnumMap<>(Field.class);
    for (Field f : Field.values()) {
      factors.put(f, factor(f.quantity(), info.unit(f)));
    }
    return block.scaled(factors, factor(Quantity.TIME, info.timeUnit()));
  }

  /** The unit names a block has after {@link #toMdAnalysis}. */
  public static Map<String, String> mdAnalysisUnitNames() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("length", Quantity.LENGTH.mdAnalysisUnit());
    m.put("time", Quantity.TIME.mdAnalysisUnit());
    m.put("velocity", Quantity.VELOCITY.mdAnalysisUnit());
    m.put("force", Quantity.FORCE.mdAnalysisUnit());
    return m;
  }
}
