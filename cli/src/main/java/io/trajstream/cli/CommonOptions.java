package io.trajstream.cli;

import io.trajstream.format.ReadOptions;
import io.trajstream.store.StoreConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every subcommand that touches a store takes: storage options, read options, debug. */
public final class CommonOptions {
  @Option(names = "--storage-option", paramLabel = "KEY=VALUE",
      description = "Store option, e.g. s3.endpoint=http://127.0.0.1:9000 (repeatable).")
  List<String> storageOptions = new ArrayList<>();

  @Option(names = "--group", paramLabel = "NAME", description = "Particle group to read (H5MD files with several).")
  String group;

  @Option(names = "--index", paramLabel = "URL", description = "Byte-range index (kerchunk JSON) for an H5MD file.")
  String index;

  @Option(names = "--part-size", paramLabel = "BYTES",
      description = "Split large reads into parallel ranged requests of this size, e.g. 8MB; none: never split (default: the store's choice).")
  String partSize;

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  /** The store configuration from {@code --storage-option}s. */
  public StoreConfig storeConfig() {
    return StoreConfig.parse(storageOptions);
  }

  /** Read options from {@code --group}, {@code --index} and {@code --part-size} (checked here). */
  public ReadOptions readOptions() {
    return readOptions(partSize);
  }

  /** As {@link #readOptions()}, with {@code partSize} (null: the store's choice) for {@code --part-size}. */
  ReadOptions readOptions(String partSize) {
    Map<String, String> m = new LinkedHashMap<>();
    if (group != null) {
      m.put("group", group);
    }
    if (index != null) {
      m.put("index", index);
    }
    if (partSize != null) {
      m.put("part-size", partSize);
    }
    ReadOptions options = ReadOptions.of(m);
    options.vectoredReads(); // a bad size is a usage error even for formats that never split reads
    return options;
  }
}
