package io.trajstream.cli;

import io.trajstream.format.Field;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.runtime.StoreUrl;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.zarrmd.TrajectoryCopier;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trajstream convert SRC DST}: copies any readable trajectory to zarrmd, or to H5MD when DST
 * ends in {@code .h5md}, {@code .h5} or {@code .hdf5} (see {@link ConvertDestination}), on any
 * writable store, chunk by chunk, with a progress bar on stderr.
 */
@Command(name = "convert", description = "Convert a trajectory (any readable format) to zarrmd, or to H5MD when DST ends in .h5md, .h5 or .hdf5, on any writable store.")
final class ConvertCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(index = "0..*", arity = "2..*", paramLabel = "SRC... DST",
      description = "Source trajectory URL(s) or path(s) (several, or a * pattern, are joined into one trajectory),"
          + " then the destination URL or path (e.g. out.zarrmd, s3://bucket/run.zarrmd, out.h5md).")
  List<String> paths;

  @Mixin PartsOptions parts;

  /** The sources (all paths but the last), set when the command runs. */
  List<String> srcs;
  String src;
  String dst;

  @Option(names = "--chunk-frames", paramLabel = "K", description = "Frames per chunk (default: chunks of about 12 MiB for zarrmd, 1 MiB for H5MD).")
  String chunkFrames;

  @Option(names = "--chunk-bytes", paramLabel = "B", description = "Target chunk size, e.g. 4MiB (default 12MiB for zarrmd, 1MiB for H5MD).")
  String chunkBytes;

  @Option(names = "--compressor", paramLabel = "SPEC",
      description = "zarrmd: blosc:lz4:5 (default), blosc:zstd:9, zstd:3, gzip:4, zlib:4, lz4 or none;"
          + " H5MD: gzip:4 (default), gzip:L:shuffle or none.")
  String compressor;

  @Option(names = "--precision", paramLabel = "K", description = "Keep K decimal digits (numcodecs quantize filter).")
  String precision;

  @Option(names = "--fields", paramLabel = "LIST", split = ",", description = "position,velocity,force,box (default: all present).")
  List<String> fields;

  @Option(names = "--append", description = "Append the frames to an existing zarrmd at DST.")
  boolean append;

  @Option(names = "--overwrite", description = "Replace an existing trajectory at DST.")
  boolean overwrite;

  @Option(names = "--dst-storage-option", paramLabel = "KEY=VALUE",
      description = "Store option for DST only (repeatable; default: the --storage-options).")
  List<String> dstStorageOptions = new ArrayList<>();

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Option(names = "--no-observables", description = "Leave out the observables (copied by default, each with its own steps).")
  boolean noObservables;

  @Override
  public Integer call() throws Exception {
    srcs = paths.subList(0, paths.size() - 1);
    src = String.join(" ", srcs);
    dst = paths.get(paths.size() - 1);
    WriteOptions options = writeOptions();
    Set<Field> askedFields = ConvertDestination.fields(ConvertDestination.formatOf(dst), options); // all option errors before any I/O
    StoreConfig srcConfig = common.storeConfig();
    StoreConfig dstConfig = dstStorageOptions.isEmpty() ? srcConfig : StoreConfig.parse(dstStorageOptions);
    TrajStream ts = CommandPlugins.trajStream();
    boolean archive = ZipTargets.refuseExisting(ts, dst, dstConfig, overwrite, append);
    if (!archive && !append && !overwrite) {
      refuseExisting(ts, dstConfig);
    }
    PrintWriter err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    int frames;
    TrajectoryInfo info;
    try (TrajectoryReader reader = parts.open(ts, srcs, common)) {
      info = reader.info();
      PartsOptions.requireIncreasingSteps(info);
      Set<Field> wanted = fieldsToCopy(info, askedFields);
      try (TrajectoryWriter writer = ts.create(dst, dstConfig, ConvertDestination.formatOf(dst), info, options)) {
        if (quiet) {
          frames = new TrajectoryCopier(0, null).observables(!noObservables).copy(reader, writer, wanted);
        } else {
          try (ProgressBars.Frames bar = ProgressBars.frames(err, "convert", info.frames())) {
            frames = new TrajectoryCopier(0, (done, total) -> bar.stepTo(done)).observables(!noObservables).copy(reader, writer, wanted);
          }
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "wrote %d frames of %d atoms to %s in %.2f s%n", frames, info.atoms(), dst, seconds);
    out.flush();
    return 0;
  }

  /** The zarrmd writer's options from the command line; value errors name the option. */
  WriteOptions writeOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    if (chunkFrames != null && chunkBytes != null) {
      throw new IllegalArgumentException("give --chunk-frames or --chunk-bytes, not both");
    }
    if (chunkFrames != null) {
      m.put("chunk-frames", Integer.toString(positiveInt("--chunk-frames", chunkFrames, 1)));
    }
    if (chunkBytes != null) {
      long b;
      try {
        b = io.trajstream.format.Options.parseBytes("chunk-bytes", chunkBytes);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--chunk-bytes: '" + chunkBytes + "' is not a size such as 4MiB or 1000000");
      }
      if (b < 1) {
        throw new IllegalArgumentException("--chunk-bytes must be at least 1 byte, not '" + chunkBytes + "'");
      }
      m.put("chunk-bytes", Long.toString(b));
    }
    String format = ConvertDestination.formatOf(dst);
    String spec = compressor != null ? compressor : ConvertDestination.defaultCompressor(format);
    ConvertDestination.checkCompressor(format, spec);
    m.put("compressor", spec);
    if (precision != null) {
      m.put("precision", Integer.toString(positiveInt("--precision", precision, 0)));
    }
    if (fields != null) {
      List<String> keys = new ArrayList<>();
      for (String f : fields) {
        keys.add(Field.parse(f).key());
      }
      m.put("fields", String.join(",", keys));
    }
    if (append) {
      if (overwrite) {
        throw new IllegalArgumentException("give --append or --overwrite, not both");
      }
      m.put("append", "true");
    }
    return WriteOptions.of(m);
  }

  private static int positiveInt(String option, String text, int min) {
    try {
      int v = Integer.parseInt(text.trim());
      if (v >= min) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be an integer >= " + min + ", not '" + text + "'");
  }

  /** The fields to copy: those asked for that the source has; asking for a missing one is an error. */
  private Set<Field> fieldsToCopy(TrajectoryInfo info, Set<Field> asked) {
    Set<Field> wanted = EnumSet.noneOf(Field.class);
    for (Field f : info.fields()) {
      if (asked.contains(f)) {
        wanted.add(f);
      }
    }
    if (fields != null) {
      for (Field f : asked) {
        if (!info.has(f)) {
          throw new IllegalArgumentException(src + " has no " + f.key() + " (it has "
              + info.fields().stream().map(Field::key).collect(Collectors.joining(", ")) + ")");
        }
      }
    }
    return wanted;
  }

  /** Fails when DST already holds a trajectory, so that a typo never replaces data silently. */
  private void refuseExisting(TrajStream ts, StoreConfig config) throws IOException {
    StoreUrl u = StoreUrl.parse(dst);
    try (Store store = ts.openStore(u, config)) {
      if (ConvertDestination.exists(ConvertDestination.formatOf(dst), store, u.key())) {
        throw new IllegalArgumentException(dst + " already holds a trajectory; give --overwrite to replace it"
            + " or --append to add frames");
      }
    }
  }
}
