package dev.leadscore.core.testing;

import java.nio.charset.StandardCharsets;

/** Text as an editor that writes a UTF-8 byte-order mark saves it, for the readers' tests. */
public final class ByteOrderMarked {
  private ByteOrderMarked() {}

  /** The UTF-8 bytes of {@code text} after the three bytes of the mark (EF BB BF). */
  public static byte[] utf8(String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] marked = new byte[body.length + 3];
    marked[0] = (byte) 0xEF;
    marked[1] = (byte) 0xBB;
    marked[2] = (byte) 0xBF;
    System.arraycopy(body, 0, marked, 3, body.length);
    return marked;
  }
}
