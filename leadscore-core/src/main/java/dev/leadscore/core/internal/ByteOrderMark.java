package dev.leadscore.core.internal;

/**
 * The UTF-8 byte-order mark that editors on some platforms put at the start of a text file: read
 * as UTF-8 it becomes a leading U+FEFF, which is not JSON whitespace, so a JSON parser refuses the
 * document. The schema, rule-set and artifact readers drop it first. Stateless.
 */
public final class ByteOrderMark {
  private ByteOrderMark() {}

  /** The text without one leading U+FEFF (a null stays null). */
  public static String strip(String text) {
    return text != null && text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
