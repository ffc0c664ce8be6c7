package io.trajstream.h5md.write;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds one version 2 object header ({@code OHDR}): a single chunk holding the messages in the
 * order added, with a 4-byte chunk size field and the lookup3 checksum at the end. No times, no
 * attribute creation order.
 */
final class ObjectHeaderWriter {
  private record Message(int type, byte[] body) {}

  private final List<Message> messages = new ArrayList<>();

  /** Adds a message; bodies are at most 65535 bytes (the size field's limit). */
  ObjectHeaderWriter add(int type, byte[] body) {
    if (body.length > 0xffff) {
      throw new IllegalArgumentException("object header message of type " + type + " is " + body.length
          + " bytes; at most 65535 fit");
    }
    messages.add(new Message(type, body));
    return this;
  }

  /** The encoded header. */
  byte[] encode() {
    long chunk = 0;
    for (Message m : messages) {
      chunk += 4 + m.body().length;
    }
    LeBytes b = new LeBytes().ascii("OHDR").u8(2).u8(0x02).u32(chunk);
    for (Message m : messages) {
      b.u8(m.type()).u16(m.body().length).u8(0).bytes(m.body());
    }
    return b.checksum().toArray();
  }
}
