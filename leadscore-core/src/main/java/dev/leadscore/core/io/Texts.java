package dev.leadscore.core.io;

import dev.leadscore.core.LeadDataException;
import java.util.List;

/** Small helpers for error messages shared by the readers. */
final class Texts {
  private Texts() {}

  /** Longest value quoted in full in an error message; longer ones are cut. */
  static final int MAX_QUOTED = 80;

  /** The value in single quotes, cut to {@link #MAX_QUOTED} characters and with line breaks shown as escapes. */
  static String quote(String value) {
    return value == null ? "null" : "'" + cut(value) + "'";
  }

  /** The value cut to {@link #MAX_QUOTED} characters, with line breaks shown as escapes. */
  static String cut(String value) {
    String v = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED - 3) + "..." : value;
    return v.replace("\r", "\\r").replace("\n", "\\n");
  }

  /** {@code lead 'L1', field 'f': problem} or, without a field, {@code lead 'L1': problem}. */
  static String leadMessage(String leadId, String field, String problem) {
    if (field == null) {
      return (leadId == null ? "" : "lead '" + leadId + "': ") + problem;
    }
    return new LeadDataException(leadId, field, problem).getMessage();
  }

  /** The header as a list for error messages. */
  static String header(List<String> header) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < header.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(header.get(i));
    }
    return sb.append(']').toString();
  }
}
