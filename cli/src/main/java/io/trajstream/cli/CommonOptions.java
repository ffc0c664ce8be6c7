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

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  /** The store configuration from {@code --storage-option}s. */
  public StoreConfig storeConfig() {
    return StoreConfig.parse(storageOptions);
  }

  /** Read options from {@code --group} and {@code --index}. */
  public ReadOptions readOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    if (group != null) {
      m.put("group", group);
    }
    if (index != null) {
      m.put("index", index);
    }
    return ReadOptions.of(m);
  }
}
