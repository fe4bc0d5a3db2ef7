package dev.leadscore.core.internal;

import java.util.Locale;

/**
 * The form in which text values (levels, disqualifier values) are compared: trimmed, lower-case
 * (root locale), inner runs of whitespace ({@link Character#isWhitespace}) collapsed to one space.
 * Exports disagree on all three ("Google", "google ", "Interested  in MBA"), and none of them
 * carries meaning. One definition, so a disqualifier's value and the schema's levels can never be
 * normalised differently.
 *
 * <p>Stateless and thread-safe.
 */
public final class LevelText {
  private LevelText() {}

  /**
   * @param text the raw text, not null
   * @return its normalised form (the same instance when already normal)
   */
  public static String normalise(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    StringBuilder sb = null;
    boolean prevSpace = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean space = Character.isWhitespace(c);
      if (space && (prevSpace || c != ' ') && sb == null) {
        sb = new StringBuilder(t.length());
        sb.append(t, 0, i);
      }
      if (sb != null) {
        if (space) {
          if (!prevSpace) {
            sb.append(' ');
          }
        } else {
          sb.append(c);
        }
      }
      prevSpace = space;
    }
    return sb == null ? t : sb.toString();
  }

}
