package io.trajstream.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/** A Zarr v2 group: a path in a {@link ZarrHierarchy} holding {@code .zgroup} and {@code .zattrs}. */
public final class ZarrGroup {
  private final ZarrHierarchy hierarchy;
  private final String path;

  ZarrGroup(ZarrHierarchy hierarchy, String path) {
    this.hierarchy = hierarchy;
    this.path = path;
  }

  /** Writes {@code .zgroup} (and {@code .zattrs} when {@code attrs} is not null) at {@code path}. */
  public static ZarrGroup create(ZarrHierarchy hierarchy, String path, JsonNode attrs) throws IOException {
    String p = ZarrPaths.normalize(path);
    if (attrs != null) {
      hierarchy.putMetadata(ZarrPaths.key(p, ".zattrs"), attrs);
    }
    ObjectNode g = Json.MAPPER.createObjectNode();
    g.put("zarr_format", 2);
    hierarchy.putMetadata(ZarrPaths.key(p, ".zgroup"), g);
    return new ZarrGroup(hierarchy, p);
  }

  public String path() {
    return path;
  }

  public ZarrHierarchy hierarchy() {
    return hierarchy;
  }

  /** The group's attributes (an empty object when there are none). */
  public ObjectNode attributes() throws IOException {
    return hierarchy.attributes(path);
  }

  /** Whether a child group or array {@code name} exists (a relative path may have several parts). */
  public boolean contains(String name) throws IOException {
    return hierarchy.exists(ZarrPaths.child(path, name));
  }

  /** Whether {@code name} is a child group. */
  public boolean containsGroup(String name) throws IOException {
    return hierarchy.metadata(ZarrPaths.key(ZarrPaths.child(path, name), ".zgroup")).isPresent();
  }

  /** Whether {@code name} is a child array. */
  public boolean containsArray(String name) throws IOException {
    return hierarchy.metadata(ZarrPaths.key(ZarrPaths.child(path, name), ".zarray")).isPresent();
  }

  public ZarrGroup group(String name) throws IOException {
    return hierarchy.group(ZarrPaths.child(path, name));
  }

  public ZarrArray array(String name) throws IOException {
    return hierarchy.array(ZarrPaths.child(path, name));
  }

  /** Names of direct children (needs consolidated metadata or a listable store). */
  public List<String> children() throws IOException {
    return hierarchy.children(path);
  }

  @Override
  public String toString() {
    return "ZarrGroup[" + hierarchy.store().location(path.isEmpty() ? ".zgroup" : path) + "]";
  }
}
