package io.trajstream.analysis.select;

import io.trajstream.analysis.topology.Topology;
import io.trajstream.format.AtomSelection;
import java.io.Serializable;
import java.util.BitSet;

/**
 * An atom selection in MDAnalysis's language, parsed once and applied to a system. Always
 * available: {@code all}, {@code index 0:99} (0-based, inclusive), {@code index 3 7 9}, {@code
 * bynum 1:100} (1-based). With a {@link Topology}: {@code name CA}, {@code name H*}, {@code resname
 * SOL}, {@code resid 1:10}, {@code resnum}, {@code segid}, {@code type}, {@code protein}, {@code
 * backbone}. Combine with {@code and}, {@code or} (equal precedence, left to right, as in
 * MDAnalysis), {@code not} and parentheses. Results are sorted, unique atom indices.
 */
public final class Selection implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String text;
  private final SelectionNode root;

  private Selection(String text, SelectionNode root) {
    this.text = text;
    this.root = root;
  }

  /** Parses {@code text}; throws {@link SelectionException} naming the problem. */
  public static Selection parse(String text) {
    return new Selection(text, new SelectionParser(text).parse());
  }

  /** The selection of every atom. */
  public static Selection all() {
    return parse("all");
  }

  /** The selection string as given. */
  public String text() {
    return text;
  }

  /** Whether applying the selection needs a topology (names, residues…). */
  public boolean needsTopology() {
    return root.needsTopology();
  }

  /** Selected indices in a system of {@code atoms} atoms without a topology. */
  public int[] indices(int atoms) {
    if (needsTopology()) {
      throw new SelectionException(text, "needs a topology (give a PDB or GRO file)");
    }
    return toArray(root.apply(new SelectionNode.System(atoms, null, text)));
  }

  /** Selected indices in the system {@code topology} describes. */
  public int[] indices(Topology topology) {
    return toArray(root.apply(new SelectionNode.System(topology.atomCount(), topology, text)));
  }

  /**
   * Selected indices for a trajectory of {@code atoms} atoms with an optional {@code topology}
   * (null when none); checks that a topology matches the atom count.
   */
  public int[] indices(int atoms, Topology topology) {
    if (topology == null) {
      return indices(atoms);
    }
    if (topology.atomCount() != atoms) {
      throw new SelectionException(text, "topology " + topology.source() + " has " + topology.atomCount()
          + " atoms but the trajectory has " + atoms);
    }
    return indices(topology);
  }

  /** The selection as the atoms to read: {@link AtomSelection#all()} when every atom is selected. */
  public AtomSelection toAtomSelection(int atoms, Topology topology) {
    int[] idx = indices(atoms, topology);
    return idx.length == atoms ? AtomSelection.all() : AtomSelection.of(idx);
  }

  private static int[] toArray(BitSet bits) {
    return bits.stream().toArray();
  }

  @Override
  public String toString() {
    return text;
  }

  /** A selection string (index ranges) that selects exactly {@code indices}, usable without topology. */
  public static String ofIndices(int[] indices) {
    if (indices.length == 0) {
      return "not all";
    }
    StringBuilder sb = new StringBuilder("index");
    int i = 0;
    while (i < indices.length) {
      int j = i;
      while (j + 1 < indices.length && indices[j + 1] == indices[j] + 1) {
        j++;
      }
      sb.append(' ').append(indices[i]);
      if (j > i) {
        sb.append(':').append(indices[j]);
      }
      i = j + 1;
    }
    return sb.toString();
  }
}
