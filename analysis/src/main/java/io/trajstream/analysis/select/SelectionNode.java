package io.trajstream.analysis.select;

import io.trajstream.analysis.topology.Topology;
import java.io.Serializable;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/** A node of a parsed selection: yields the set of atoms it selects in a system. */
abstract class SelectionNode implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The system a selection is applied to: an atom count and maybe a topology. */
  record System(int atoms, Topology topology, String text) {
    Topology requireTopology(String keyword) {
      if (topology == null) {
        throw new SelectionException(text, "'" + keyword + "' needs a topology (give a PDB or GRO file)");
      }
      return topology;
    }
  }

  abstract BitSet apply(System s);

  abstract boolean needsTopology();

  /** Residue names MDAnalysis counts as protein. */
  static final Set<String> PROTEIN_RESIDUES = Set.of(
      "ALA", "ARG", "ASN", "ASP", "CYS", "GLN", "GLU", "GLY", "HSD", "HSE", "HSP", "ILE", "LEU",
      "LYS", "MET", "PHE", "PRO", "SER", "THR", "TRP", "TYR", "VAL", "ALAD", "HIS", "MSE", "ARGN",
      "ASPH", "CYS2", "CYSH", "QLN", "PGLU", "GLUH", "HIS1", "HISD", "HISE", "HISH", "LYSH",
      "ASN1", "CYS1", "HISA", "HISB", "HIS2", "HID", "HIE", "HIP", "ORN", "DAB", "LYN", "HYP",
      "CYM", "CYX", "ASH", "GLH", "ACE", "NME", "NALA", "NGLY", "NSER", "NTHR", "NLEU", "NILE",
      "NVAL", "NASN", "NGLN", "NARG", "NHID", "NHIE", "NHIP", "NTRP", "NPHE", "NTYR", "NGLU",
      "NASP", "NLYS", "NPRO", "NCYS", "NCYX", "NMET", "CALA", "CGLY", "CSER", "CTHR", "CLEU",
      "CILE", "CVAL", "CASF", "CASN", "CGLN", "CARG", "CHID", "CHIE", "CHIP", "CTRP", "CPHE",
      "CTYR", "CGLU", "CASP", "CLYS", "CPRO", "CCYS", "CCYX", "CMET", "CME", "ASF");

  /** Atom names of the protein backbone. */
  static final Set<String> BACKBONE_NAMES = Set.of("N", "CA", "C", "O");

  static final class All extends SelectionNode {
    private static final long serialVersionUID = 1L;

    @Override
    BitSet apply(System s) {
      BitSet b = new BitSet(s.atoms());
      b.set(0, s.atoms());
      return b;
    }

    @Override
    boolean needsTopology() {
      return false;
    }
  }

  static final class Not extends SelectionNode {
    private static final long serialVersionUID = 1L;
    private final SelectionNode inner;

    Not(SelectionNode inner) {
      this.inner = inner;
    }

    @Override
    BitSet apply(System s) {
      BitSet b = inner.apply(s);
      b.flip(0, s.atoms());
      return b;
    }

    @Override
    boolean needsTopology() {
      return inner.needsTopology();
    }
  }

  static final class Binary extends SelectionNode {
    private static final long serialVersionUID = 1L;
    private final SelectionNode left;
    private final SelectionNode right;
    private final boolean and;

    Binary(SelectionNode left, SelectionNode right, boolean and) {
      this.left = left;
      this.right = right;
      this.and = and;
    }

    @Override
    BitSet apply(System s) {
      BitSet b = left.apply(s);
      if (and) {
        b.and(right.apply(s));
      } else {
        b.or(right.apply(s));
      }
      return b;
    }

    @Override
    boolean needsTopology() {
      return left.needsTopology() || right.needsTopology();
    }
  }

  /** Integer ranges on an integer property (index, bynum, resid, resnum). */
  static final class IntRanges extends SelectionNode {
    private static final long serialVersionUID = 1L;
    private final String keyword;
    private final long[] lows;
    private final long[] highs;

    IntRanges(String keyword, long[] lows, long[] highs) {
      this.keyword = keyword;
      this.lows = lows;
      this.highs = highs;
    }

    @Override
    BitSet apply(System s) {
      BitSet b = new BitSet(s.atoms());
      IntFunction<Long> value;
      switch (keyword) {
        case "index":
          value = i -> (long) i;
          break;
        case "bynum":
          value = i -> (long) i + 1;
          break;
        default:
          Topology t = s.requireTopology(keyword);
          value = i -> (long) t.resid(i);
      }
      if (!needsTopology()) {
        // fast path for index ranges: no per-atom scan needed
        for (int r = 0; r < lows.length; r++) {
          long offset = keyword.equals("bynum") ? 1 : 0;
          long lo = Math.max(0, lows[r] - offset);
          long hi = Math.min((long) s.atoms() - 1, highs[r] - offset);
          if (lo <= hi) {
            b.set((int) lo, (int) hi + 1);
          }
        }
        return b;
      }
      for (int i = 0; i < s.atoms(); i++) {
        long v = value.apply(i);
        for (int r = 0; r < lows.length; r++) {
          if (v >= lows[r] && v <= highs[r]) {
            b.set(i);
            break;
          }
        }
      }
      return b;
    }

    @Override
    boolean needsTopology() {
      return !(keyword.equals("index") || keyword.equals("bynum"));
    }
  }

  /** Glob patterns ({@code *}, {@code ?}, {@code [..]}, case-sensitive) on a string property. */
  static final class Patterns extends SelectionNode {
    private static final long serialVersionUID = 1L;
    private final String keyword;
    private final List<String> globs;
    private transient Glob[] compiled;

    Patterns(String keyword, List<String> globs) {
      this.keyword = keyword;
      this.globs = List.copyOf(globs);
    }

    @Override
    BitSet apply(System s) {
      Topology t = s.requireTopology(keyword);
      if (compiled == null) {
        compiled = globs.stream().map(Glob::of).toArray(Glob[]::new);
      }
      java.util.Map<String, Boolean> memo = new java.util.HashMap<>();
      BitSet b = new BitSet(s.atoms());
      for (int i = 0; i < s.atoms(); i++) {
        String v;
        switch (keyword) {
          case "name": v = t.name(i); break;
          case "resname": v = t.resname(i); break;
          case "segid": v = t.segid(i); break;
          default: v = t.type(i);
        }
        if (memo.computeIfAbsent(v, this::matches)) {
          b.set(i);
        }
      }
      return b;
    }

    private boolean matches(String v) {
      for (Glob g : compiled) {
        if (g.matches(v)) {
          return true;
        }
      }
      return false;
    }

    @Override
    boolean needsTopology() {
      return true;
    }
  }

  /** {@code protein} and {@code backbone}. */
  static final class Protein extends SelectionNode {
    private static final long serialVersionUID = 1L;
    private final boolean backboneOnly;

    Protein(boolean backboneOnly) {
      this.backboneOnly = backboneOnly;
    }

    @Override
    BitSet apply(System s) {
      Topology t = s.requireTopology(backboneOnly ? "backbone" : "protein");
      BitSet b = new BitSet(s.atoms());
      for (int i = 0; i < s.atoms(); i++) {
        if (PROTEIN_RESIDUES.contains(t.resname(i)) && (!backboneOnly || BACKBONE_NAMES.contains(t.name(i)))) {
          b.set(i);
        }
      }
      return b;
    }

    @Override
    boolean needsTopology() {
      return true;
    }
  }
}
