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
import io.trajstream.zarrmd.WriterSettings;
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
 * {@code trajstream convert SRC DST}: copies any readable trajectory (h5md, zarrmd) to zarrmd on
 * any writable store, chunk by chunk, with a progress bar on stderr.
 */
@Command(name = "convert", description = "Convert a trajectory (h5md or zarrmd) to zarrmd on any writable store.")
final class ConvertCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "SRC", description = "Source trajectory URL or path.")
  String src;

  @Parameters(index = "1", paramLabel = "DST", description = "Destination zarrmd URL or path (e.g. out.zarrmd, s3://bucket/run.zarrmd).")
  String dst;

  @Option(names = "--chunk-frames", paramLabel = "K", description = "Frames per chunk (default: chunks of about 12 MiB).")
  String chunkFrames;

  @Option(names = "--chunk-bytes", paramLabel = "B", description = "Target chunk size, e.g. 4MiB (default 12MiB).")
  String chunkBytes;

  @Option(names = "--compressor", paramLabel = "SPEC",
      description = "blosc:lz4:5 (default), blosc:zstd:9, zstd:3, gzip:4, zlib:4, lz4 or none.")
  String compressor = "blosc:lz4:5";

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
    WriteOptions options = writeOptions();
    WriterSettings settings = WriterSettings.parse(options); // all option errors before any I/O
    StoreConfig srcConfig = common.storeConfig();
    StoreConfig dstConfig = dstStorageOptions.isEmpty() ? srcConfig : StoreConfig.parse(dstStorageOptions);
    TrajStream ts = TrajStream.create();
    boolean archive = ZipTargets.refuseExisting(ts, dst, dstConfig, overwrite, append);
    if (!archive && !append && !overwrite) {
      refuseExisting(ts, dstConfig);
    }
    PrintWriter err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    int frames;
    TrajectoryInfo info;
    try (TrajectoryReader reader = ts.open(src, srcConfig, common.readOptions())) {
      info = reader.info();
      Set<Field> wanted = fieldsToCopy(info, settings.fields());
      try (TrajectoryWriter writer = ts.create(dst, dstConfig, "zarrmd", info, options)) {
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
    try {
      WriterSettings.compressor(compressor);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--compressor " + compressor + ": " + e.getMessage()
          + " (expected blosc:lz4:5, blosc:zstd:9, zstd:3, gzip:4, zlib:4, lz4 or none)");
    }
    m.put("compressor", compressor);
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
    String prefix = u.key().isEmpty() || u.key().endsWith("/") ? u.key() : u.key() + "/";
    try (Store store = ts.openStore(u, config)) {
      if (store.exists(prefix + ".zgroup") || store.exists(prefix + ".zmetadata")) {
        throw new IllegalArgumentException(dst + " already holds a trajectory; give --overwrite to replace it"
            + " or --append to add frames");
      }
    }
  }
}
