package io.trajstream.analysis.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Per-atom facts from a structure file that selections and weighted analyses need: atom name,
 * residue name, residue id, segment id, guessed element type and mass. Immutable.
 */
public final class Topology implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String[] names;
  private final String[] resnames;
  private final int[] resids;
  private final String[] segids;
  private final String[] types;
  private final double[] masses;

  /** A topology of {@code names.length} atoms; every array has one entry per atom. */
  public Topology(String source, String[] names, String[] resnames, int[] resids, String[] segids,
      String[] types, double[] masses) {
    int n = names.length;
    if (resnames.length != n || resids.length != n || segids.length != n || types.length != n || masses.length != n) {
      throw new IllegalArgumentException("topology arrays differ in length");
    }
    this.source = source;
    this.names = names.clone();
    this.resnames = resnames.clone();
    this.resids = resids.clone();
    this.segids = segids.clone();
    this.types = types.clone();
    this.masses = masses.clone();
  }

  /** Reads a PDB ({@code .pdb}, {@code .ent}) or GRO ({@code .gro}) file, chosen by extension. */
  public static Topology read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(file.getFileName().toString(), in);
    }
  }

  /** Reads a PDB or GRO file from {@code in}; {@code name} (its file name) chooses the parser. */
  public static Topology read(String name, InputStream in) throws IOException {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".gz")) {
      in = new java.util.zip.GZIPInputStream(in);
      lower = lower.substring(0, lower.length() - 3);
    }
    if (lower.endsWith(".pdb") || lower.endsWith(".ent")) {
      return PdbTopologyReader.read(name, in);
    }
    if (lower.endsWith(".gro")) {
      return GroTopologyReader.read(name, in);
    }
    throw new IOException("cannot read topology " + name + ": expected a .pdb, .ent or .gro file");
  }

  /** Where the topology came from (a file name). */
  public String source() {
    return source;
  }

  public int atomCount() {
    return names.length;
  }

  public String name(int atom) {
    return names[atom];
  }

  public String resname(int atom) {
    return resnames[atom];
  }

  public int resid(int atom) {
    return resids[atom];
  }

  public String segid(int atom) {
    return segids[atom];
  }

  /** The atom type: the element from the file, else the element guessed from the name. */
  public String type(int atom) {
    return types[atom];
  }

  public double mass(int atom) {
    return masses[atom];
  }

  /** Masses of all atoms. */
  public double[] masses() {
    return masses.clone();
  }

  /** Masses of the atoms at {@code indices}. */
  public double[] masses(int[] indices) {
    double[] m = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      m[i] = masses[indices[i]];
    }
    return m;
  }

  @Override
  public String toString() {
    return "topology " + source + " (" + names.length + " atoms)";
  }
}
