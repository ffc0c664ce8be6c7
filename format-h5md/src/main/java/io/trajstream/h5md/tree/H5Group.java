package io.trajstream.h5md.tree;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A group: attributes and named children (hard-linked children appear under each name). */
public final class H5Group implements H5Node {
  private final String path;
  private final long objectId;
  private final Map<String, Object> attributes;
  private final Map<String, H5Node> children = new LinkedHashMap<>();

  public H5Group(String path, long objectId, Map<String, Object> attributes) {
    this.path = path;
    this.objectId = objectId;
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public long objectId() {
    return objectId;
  }

  @Override
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** Children by name, in file order. */
  public Map<String, H5Node> children() {
    return Collections.unmodifiableMap(children);
  }

  /** Adds a child (used by loaders). */
  public void add(H5Node child) {
    children.put(child.name(), child);
  }

  /** The node at a relative {@code a/b/c} path, or null. */
  public H5Node get(String relative) {
    H5Node at = this;
    for (String part : relative.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (!(at instanceof H5Group g)) {
        return null;
      }
      at = g.children.get(part);
      if (at == null) {
        return null;
      }
    }
    return at;
  }

  /** The child group {@code name}, or null when absent or not a group. */
  public H5Group group(String relative) {
    return get(relative) instanceof H5Group g ? g : null;
  }

  /** The child dataset {@code name}, or null when absent or not a dataset. */
  public H5Dataset dataset(String relative) {
    return get(relative) instanceof H5Dataset d ? d : null;
  }

  @Override
  public String toString() {
    return "group /" + path;
  }
}
