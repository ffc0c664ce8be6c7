package io.trajstream.analysis.engine;

import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.builtin.Rmsd;
import io.trajstream.analysis.builtin.Rmsf;
import io.trajstream.analysis.builtin.Weights;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.synthetic.SyntheticTrajectory;

/**
 * Run in a JVM with a small heap by {@link BoundedMemoryTest}: analyses a synthetic trajectory
 * several times larger than the heap and prints the facts the test checks.
 */
public final class BoundedMemoryMain {
  private BoundedMemoryMain() {}

  public static void main(String[] args) throws Exception {
    int atoms = Integer.parseInt(args[0]);
    int frames = Integer.parseInt(args[1]);
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(atoms).frames(frames).seed(1).build();
    long positionBytes = (long) atoms * frames * 3 * 4;
    try (TrajectoryReader reader = t.reader(25)) {
      RunOptions o = RunOptions.builder().threads(2).ioThreads(2).inFlight(4).build();
      AnalysisResult rmsf = (AnalysisResult) AnalysisEngine.run(reader, new Rmsf(), o);
      AnalysisResult rmsd = (AnalysisResult) AnalysisEngine.run(reader, new Rmsd(0, Weights.NONE, true, true), o);
      System.out.println("maxHeap=" + Runtime.getRuntime().maxMemory());
      System.out.println("positionBytes=" + positionBytes);
      System.out.println("rmsdFrames=" + rmsd.size());
      System.out.println("rmsfAtoms=" + rmsf.size() + " rmsfFrames=" + rmsf.metadata().get("frames"));
      System.out.println("rmsf0=" + rmsf.values()[0] + " rmsdLast=" + rmsd.values()[rmsd.size() - 1]);
    }
  }
}
