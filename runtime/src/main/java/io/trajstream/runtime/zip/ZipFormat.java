package io.trajstream.runtime.zip;

/** The constants of the zip format (PKWARE APPNOTE) that {@link ZipStore} and {@link ZipWriter} share. */
final class ZipFormat {
  static final int LOCAL_HEADER = 0x04034b50;
  static final int CENTRAL_HEADER = 0x02014b50;
  static final int END = 0x06054b50;
  static final int ZIP64_END = 0x06064b50;
  static final int ZIP64_LOCATOR = 0x07064b50;
  static final int ZIP64_EXTRA = 0x0001;
  static final int LOCAL_HEADER_SIZE = 30;
  static final int CENTRAL_HEADER_SIZE = 46;
  static final int END_SIZE = 22;
  static final int ZIP64_END_SIZE = 56;
  static final int ZIP64_LOCATOR_SIZE = 20;
  static final long MAX32 = 0xFFFFFFFFL;
  static final int MAX16 = 0xFFFF;
  /** The largest archive comment, hence how far before the end the end record can start. */
  static final int MAX_COMMENT = 0xFFFF;
  /** Flag bit 11: the name is UTF-8. */
  static final int UTF8_FLAG = 0x800;

  private ZipFormat() {}
}
