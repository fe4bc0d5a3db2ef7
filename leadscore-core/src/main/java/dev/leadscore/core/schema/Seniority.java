package dev.leadscore.core.schema;

/**
 * How senior a job title is, parsed from free text by the {@link TitleSeniorityFeature}. Ordered
 * from most to least senior; {@link #UNKNOWN} covers missing, placeholder and unparseable
 * titles.
 */
public enum Seniority {
  /** Chief officers, presidents, founders, owners ("Chief Revenue Officer", "CEO"). */
  C_LEVEL,
  /** Vice presidents, "SVP Sales", "VP, Marketing". */
  VP,
  /** Directors and heads of a function ("Sr. Director of IT", "Head of Growth"). */
  DIRECTOR,
  /** Managers and team leads ("Marketing Manager"). */
  MANAGER,
  /** Everyone else with a real title ("Software Engineer", "Account Executive"). */
  INDIVIDUAL_CONTRIBUTOR,
  /** No title, or text that is not a title ("Select", "n/a", "-"). */
  UNKNOWN;

  /**
   * Parses a free-text job title, ignoring case, punctuation and extra whitespace.
   * Stateless and thread-safe.
   *
   * @param title the title as exported; {@code null} gives {@link #UNKNOWN}
   * @return the seniority
   */
  public static Seniority ofTitle(String title) {
    return TitleParser.parse(title);
  }
}
