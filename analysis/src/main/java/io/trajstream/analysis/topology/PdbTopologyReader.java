package io.trajstream.analysis.topology;

import io.trajstream.format.FormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the atoms of a PDB file (ATOM/HETATM records up to the first END/ENDMDL) into a {@link
 * Topology}, with MDAnalysis's conventions: residue ids that wrap past 9999 keep increasing, segids
 * fall back to chain ids, types are the element column or else guessed from the atom names. A file
 * without atoms is a {@link FormatException} naming it.
 */
final class PdbTopologyReader {
  private PdbTopologyReader() {}

  static Topology read(String source, InputStream in) throws IOException {
    List<String> names = new ArrayList<>();
    List<String> resnames = new ArrayList<>();
    List<Integer> resids = new ArrayList<>();
    List<String> segids = new ArrayList<>();
    List<String> chains = new ArrayList<>();
    List<String> elements = new ArrayList<>();
    int residPrev = 0;
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
    String raw;
    int lineNo = 0;
    while ((raw = r.readLine()) != null) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("END")) {
        break;
      }
      if (!line.startsWith("ATOM") && !line.startsWith("HETATM")) {
        continue;
      }
      names.add(col(line, 12, 16));
      resnames.add(col(line, 17, 21));
      chains.add(col(line, 21, 22));
      elements.add(col(line, 76, 78));
      int resid;
      try {
        resid = Integer.parseInt(col(line, 22, 26));
        while (resid - residPrev < -5000) {
          resid += 10000;
        }
        residPrev = resid;
      } catch (NumberFormatException e) {
        resid = 1;
      }
      resids.add(resid);
      segids.add(col(line, 66, 76));
    }
    if (names.isEmpty()) {
      throw new FormatException(source, null, "no ATOM or HETATM records (" + lineNo + " lines)");
    }
    int n = names.size();
    boolean anySegid = segids.stream().anyMatch(s -> !s.isEmpty());
    boolean anyElement = elements.stream().anyMatch(s -> !s.isEmpty());
    String[] types = new String[n];
    double[] masses = new double[n];
    for (int i = 0; i < n; i++) {
      types[i] = anyElement ? elements.get(i) : Elements.guessFromName(names.get(i));
      masses[i] = Elements.mass(types[i]);
    }
    return new Topology(source, names.toArray(String[]::new), resnames.toArray(String[]::new),
        resids.stream().mapToInt(Integer::intValue).toArray(),
        (anySegid ? segids : chains).toArray(String[]::new), types, masses);
  }

  private static String col(String line, int from, int to) {
    if (from >= line.length()) {
      return "";
    }
    return line.substring(from, Math.min(to, line.length())).strip();
  }
}
