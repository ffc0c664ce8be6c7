package io.trajstream.format;

import java.util.Locale;

/** A per-frame quantity a trajectory can hold. */
public enum Field {
  /** Atom positions, 3 values per atom. */
  POSITION("position", Units.Quantity.LENGTH, true),
  /** Atom velocities, 3 values per atom. */
  VELOCITY("velocity", Units.Quantity.VELOCITY, true),
  /** Forces on atoms, 3 values per atom. */
  FORCE("force", Units.Quantity.FORCE, true),
  /** The simulation box as (a, b, c, alpha, beta, gamma): lengths and angles in degrees. */
  BOX("box", Units.Quantity.LENGTH, false);

  private final String key;
  private final Units.Quantity quantity;
  private final boolean perAtom;

  Field(String key, Units.Quantity quantity, boolean perAtom) {
    this.key = key;
    this.quantity = quantity;
    this.perAtom = perAtom;
  }

  /** The lower-case name used in options, JSON and H5MD paths ({@code position}, …). */
  public String key() {
    return key;
  }

  /** The physical quantity of the values (box: the lengths a, b, c). */
  public Units.Quantity quantity() {
    return quantity;
  }

  /** Whether the field holds 3 values per atom (else 6 values per frame). */
  public boolean perAtom() {
    return perAtom;
  }

  /** Floats per frame for {@code atoms} atoms. */
  public int valuesPerFrame(int atoms) {
    return perAtom ? atoms * 3 : 6;
  }

  /** Parses {@code position}, {@code velocity}, {@code force}, {@code box} (also plural forms). */
  public static Field parse(String s) {
    String k = s.trim().toLowerCase(Locale.ROOT);
    for (Field f : values()) {
      if (f.key.equals(k) || (f.key + "s").equals(k) || (f == VELOCITY && k.equals("velocities"))
          || (f == FORCE && k.equals("forces")) || (f == POSITION && k.equals("positions"))) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown field '" + s + "' (expected position, velocity, force or box)");
  }
}
