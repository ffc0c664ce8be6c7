package io.trajstream.analysis.topology;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Element and mass guessing as MDAnalysis 2.x does it: an atom's type is the element column when a
 * PDB has one, else an element guessed from the atom name; its mass is looked up by type (as
 * written, then upper case), 0 when unknown.
 */
public final class Elements {
  private Elements() {}

  // Standard atomic weights (u) keyed as MDAnalysis's mass table keys them (some upper case).
  private static final Map<String, Double> MASSES = new HashMap<>();
  // Special atom names (CHARMM/AMBER/GROMOS ions and the like) and their elements.
  private static final Map<String, String> NAMED = new HashMap<>();
  // Elements recognised when guessing from a name.
  private static final Set<String> GUESSABLE =
      Set.of("AL", "B", "BE", "C", "CL", "F", "H", "K", "LI", "MG", "N", "NA", "O", "P", "S", "SI");

  private static void m(String key, double mass) {
    MASSES.put(key, mass);
  }

  static {
    m("Ac", 227.028); m("Ag", 107.8682); m("Al", 26.981539); m("Am", 243.0); m("Ar", 39.948);
    m("As", 74.92159); m("At", 210.0); m("Au", 196.96654); m("B", 10.811); m("BR", 79.904);
    m("Ba", 137.327); m("Be", 9.012182); m("Bh", 262.0); m("Bi", 208.98037); m("Bk", 247.0);
    m("C", 12.011); m("CA", 40.08); m("CL", 35.45); m("CS", 132.9); m("CU", 63.546);
    m("Cd", 112.411); m("Ce", 140.116); m("Cf", 251.0); m("Cm", 247.0); m("Co", 58.9332);
    m("Cr", 51.9961); m("DUMMY", 0.0); m("Db", 262.0); m("Dy", 162.5); m("Er", 167.26);
    m("Es", 252.0); m("Eu", 151.965); m("F", 18.998); m("FE", 55.847); m("Fm", 257.0);
    m("Fr", 223.0); m("Ga", 69.723); m("Gd", 157.25); m("Ge", 72.61); m("H", 1.008);
    m("HE", 4.0026); m("Hf", 178.49); m("Hg", 200.59); m("Ho", 164.93032); m("Hs", 265.0);
    m("I", 126.9045); m("In", 114.82); m("Ir", 192.22); m("K", 39.102); m("Kr", 83.8);
    m("La", 138.9055); m("Li", 6.941); m("Lr", 262.0); m("Lu", 174.967); m("MG", 24.305);
    m("Md", 258.0); m("Mn", 54.93805); m("Mo", 95.94); m("Mt", 266.0); m("N", 14.007);
    m("NA", 22.98977); m("NE", 20.1797); m("Na", 22.989768); m("Nb", 92.90638); m("Nd", 144.24);
    m("Ni", 58.6934); m("No", 259.0); m("Np", 237.048); m("O", 15.999); m("Os", 190.2);
    m("P", 30.974); m("Pa", 231.0359); m("Pb", 207.2); m("Pd", 106.42); m("Pm", 145.0);
    m("Po", 209.0); m("Pr", 140.90765); m("Pt", 195.08); m("Pu", 244.0); m("RB", 85.4678);
    m("Ra", 226.025); m("Re", 186.207); m("Rf", 261.0); m("Rh", 102.9055); m("Rn", 222.0);
    m("Ru", 101.07); m("S", 32.06); m("Sb", 121.757); m("Sc", 44.95591); m("Se", 78.96);
    m("Sg", 263.0); m("Si", 28.0855); m("Sm", 150.36); m("Sn", 118.71); m("Sr", 87.62);
    m("Ta", 180.9479); m("Tb", 158.92534); m("Tc", 98.0); m("Te", 127.6); m("Th", 232.0381);
    m("Ti", 47.88); m("Tl", 204.3833); m("Tm", 168.93421); m("U", 238.0289); m("V", 50.9415);
    m("W", 183.85); m("Xe", 131.29); m("Y", 88.90585); m("Yb", 173.04); m("ZN", 65.37);
    m("Zr", 91.224);

    String[][] named = {
      {"BR", "BR"}, {"CAL", "CA"}, {"C0", "CA"}, {"CA2+", "CA"}, {"CES", "CS"}, {"CLA", "CL"},
      {"CLAL", "CL"}, {"CL", "CL"}, {"CL-", "CL"}, {"IOD", "I"}, {"FE", "FE"}, {"FE2", "FE"},
      {"LIT", "LI"}, {"LI", "LI"}, {"LI+", "LI"}, {"QL", "LI"}, {"MG", "MG"}, {"MG2+", "MG"},
      {"K", "K"}, {"POT", "K"}, {"K+", "K"}, {"QK", "K"}, {"SOD", "NA"}, {"NA", "NA"},
      {"NA+", "NA"}, {"QN", "NA"}, {"ZN", "ZN"}, {"CU", "CU"}, {"CS", "CS"}, {"CS+", "CS"},
      {"QC", "CE"}, {"RB", "RB"}, {"QR", "RB"}, {"BC", "C"}, {"AC", "C"}, {"MW", "DUMMY"},
    };
    for (String[] e : named) {
      NAMED.put(e[0], e[1]);
    }
  }

  /** The mass of an atom of {@code type} (looked up as given, then upper case); 0 when unknown. */
  public static double mass(String type) {
    if (type == null) {
      return 0.0;
    }
    Double m = MASSES.get(type);
    if (m == null) {
      m = MASSES.get(type.toUpperCase(Locale.ROOT));
    }
    return m == null ? 0.0 : m;
  }

  /** The element guessed from an atom name, e.g. {@code CA} → {@code C}, {@code 1HD1} → {@code H}. */
  public static String guessFromName(String atomName) {
    if (atomName.isEmpty()) {
      return "";
    }
    String named = NAMED.get(atomName.toUpperCase(Locale.ROOT));
    if (named != null) {
      return named;
    }
    String noSymbols = atomName.replaceAll("[*+-]", "");
    String name = noSymbols.replaceAll("[0-9]", "").toUpperCase(Locale.ROOT);
    named = NAMED.get(name);
    if (named != null) {
      return named;
    }
    while (!name.isEmpty()) {
      if (GUESSABLE.contains(name)) {
        return name;
      }
      String head = name.substring(0, name.length() - 1);
      if (GUESSABLE.contains(head)) {
        return head;
      }
      String tail = name.substring(1);
      if (GUESSABLE.contains(tail)) {
        return tail;
      }
      if (name.length() <= 2) {
        return name.substring(0, 1);
      }
      name = head;
    }
    return noSymbols;
  }
}
