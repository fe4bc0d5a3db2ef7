package dev.leadscore.bench.cli;

import java.util.List;

/** Writing CSV cells: RFC 4180 quoting when a cell needs it. Stateless. */
public final class Csv {
  private Csv() {}

  /**
   * The cell as written in a file with this delimiter: quoted (quotes doubled) when it holds the
   * delimiter, a quote, a line break, or leading or trailing whitespace; otherwise as is.
   */
  public static String cell(String value, char delimiter) {
    if (value == null) {
      return "";
    }
    boolean quote = value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0 || (!value.isEmpty() && (Character.isWhitespace(value.charAt(0))
        || Character.isWhitespace(value.charAt(value.length() - 1))));
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }

  /** One comma-separated line, ending in {@code \n}. */
  public static String line(List<String> cells) {
    return line(cells, ',');
  }

  /** One line with this delimiter, ending in {@code \n}. */
  public static String line(List<String> cells, char delimiter) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(delimiter);
      }
      sb.append(cell(cells.get(i), delimiter));
    }
    return sb.append('\n').toString();
  }
}
