package io.trajstream.h5md.write;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A group of the file being built: its members are hard links stored in its object header. */
public final class HdfGroup extends HdfNode {
  private final Map<String, HdfNode> members = new LinkedHashMap<>();

  HdfGroup(String path) {
    super(path);
  }

  /** The members by link name, in the order added. */
  public Map<String, HdfNode> members() {
    return Collections.unmodifiableMap(members);
  }

  void link(String name, HdfNode node) {
    if (name.isEmpty() || name.contains("/") || name.equals(".")) {
      throw new IllegalArgumentException("bad link name '" + name + "' in group /" + path());
    }
    if (members.putIfAbsent(name, node) != null) {
      throw new IllegalArgumentException("/" + path() + " already has a member named " + name);
    }
  }

  /** The object header: link info, group info, one link message per member, attributes. */
  byte[] header(java.util.List<GlobalHeapWriter.HeapRef> refs) {
    ObjectHeaderWriter h = new ObjectHeaderWriter()
        .add(Messages.LINK_INFO, Messages.linkInfo())
        .add(Messages.GROUP_INFO, Messages.groupInfo());
    for (Map.Entry<String, HdfNode> m : members.entrySet()) {
      if (m.getValue().address == LeBytes.UNDEFINED) {
        throw new IllegalStateException("member " + m.getKey() + " of /" + path() + " not written yet");
      }
      h.add(Messages.LINK, Messages.hardLink(m.getKey(), m.getValue().address));
    }
    addAttributes(h, refs);
    return h.encode();
  }
}
