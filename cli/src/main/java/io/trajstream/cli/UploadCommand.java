package io.trajstream.cli;

import io.trajstream.h5md.H5mdFormat;
import io.trajstream.h5md.KerchunkIndexWriter;
import io.trajstream.runtime.StoreCopier;
import io.trajstream.runtime.StoreUrl;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.Store;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trajstream upload SRC DST}: copies a trajectory (an H5MD file or a zarrmd directory) to any
 * writable store with {@link StoreCopier}: several objects at once, large ones in parallel parts,
 * a progress bar on stderr, and a rerun after an interruption sends only what is missing. An H5MD
 * file gets its kerchunk index beside it ({@code DST.refs.json}), so that readers open it with one
 * request for the index and one for the file's length.
 */
@Command(name = "upload", description = "Copy a trajectory (h5md file or zarrmd directory) to any writable store: "
    + "parallel multipart upload, resumable (a rerun skips what is already there with the same size and checksum); "
    + "an H5MD file gets its byte-range index beside it as DST" + H5mdFormat.INDEX_SUFFIX + ".")
final class UploadCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "SRC", description = "The trajectory to upload (path or URL).")
  String src;

  @Parameters(index = "1", paramLabel = "DST", description = "Where to put it, e.g. s3://bucket/runs/run1.h5md.")
  String dst;

  @Option(names = "--objects-in-flight", paramLabel = "N", description = "Objects copied at once (default: ${DEFAULT-VALUE}).")
  int parallel = 4;

  @Option(names = "--no-index", description = "Do not write the byte-range index beside an uploaded H5MD file.")
  boolean noIndex;

  @Option(names = "--src-storage-option", paramLabel = "KEY=VALUE",
      description = "Store option for SRC only (repeatable; default: the --storage-options).")
  java.util.List<String> srcStorageOptions = new java.util.ArrayList<>();

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (parallel < 1) {
      throw new IllegalArgumentException("--objects-in-flight must be at least 1, not " + parallel);
    }
    TrajStream ts = CommandPlugins.trajStream();
    StoreUrl from = StoreUrl.parse(src);
    StoreUrl to = StoreUrl.parse(dst);
    var srcConfig = srcStorageOptions.isEmpty() ? common.storeConfig()
        : io.trajstream.store.StoreConfig.parse(srcStorageOptions);
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    try (Store in = ts.openStore(from, srcConfig); Store target = ts.openStore(to, common.storeConfig())) {
      StoreCopier copier = new StoreCopier(parallel);
      StoreCopier.Plan plan = copier.plan(in, from.key());
      StoreCopier.Report report;
      if (quiet) {
        report = copier.copy(plan, in, from.key(), target, to.key(), n -> {});
      } else {
        try (ProgressBar bar = ProgressBars.bytes(err, "upload", plan.bytes())) {
          report = copier.copy(plan, in, from.key(), target, to.key(), bar::stepBy);
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      out.printf(Locale.ROOT, "uploaded %s to %s: %d objects, %d bytes in %.2f s (%d objects and %d bytes already there%s)%n",
          src, to, report.objects(), report.bytes(), seconds, report.objectsSkipped(), report.bytesSkipped(),
          report.partsSkipped() > 0 ? ", " + report.partsSkipped() + " parts of unfinished uploads kept" : "");
      if (!noIndex && isH5md(ts, to, plan)) {
        String key = new KerchunkIndexWriter().writeBeside(target, to.key(), to.toString());
        out.println("wrote " + to.withKey(key) + " (byte-range index: readers open the file in one request)");
      }
    }
    out.flush();
    return 0;
  }

  /** An H5MD file: one object, named as an HDF5 file (or holding the HDF5 signature). */
  private static boolean isH5md(TrajStream ts, StoreUrl to, StoreCopier.Plan plan) {
    if (plan.objects().size() != 1) {
      return false;
    }
    return ts.byExtension(to.key()).map(f -> f.name().equals("h5md")).orElse(false);
  }
}
