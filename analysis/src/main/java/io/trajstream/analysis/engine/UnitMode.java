package io.trajstream.analysis.engine;

import java.util.Locale;

/** Which units an analysis sees: the file's own, or MDAnalysis's (Angstrom, ps). */
public enum UnitMode {
  /** Values as stored in the file. */
  NATIVE,
  /** Values converted to MDAnalysis units: Angstrom, ps, Angstrom/ps, kJ/(mol*Angstrom). */
  MD;

  /** Parses {@code native} or {@code md}. */
  public static UnitMode parse(String s) {
    switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "native":
        return NATIVE;
      case "md":
      case "mdanalysis":
        return MD;
      default:
        throw new IllegalArgumentException("unknown unit mode '" + s + "' (expected native or md)");
    }
  }
}
