package dev.leadscore.core.schema;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What every feature declares besides its kind: its name, the family it belongs to, how it is
 * worded in explanations, and whether a sales rep can influence it.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param name unique within a schema; letters, digits, '_', '-' and '.' only (it prefixes column
 *     names, which use '=' for levels)
 * @param family {@value #BEHAVIORAL}, {@value #EMAIL}, {@value #FIRMOGRAPHIC} or a user-defined
 *     lower-case word; the explain and rules modules sum contributions per family (fit vs intent)
 * @param reasons the sentences used in explanations
 * @param actionable whether a rep can change it (a demo request, a reply), as opposed to who the
 *     lead is; "what would move this lead" only suggests actionable features
 */
public record FeatureInfo(String name, String family, ReasonTemplates reasons, boolean actionable) {
  /** Behaviour on the site and in the product: what the lead does. */
  public static final String BEHAVIORAL = "behavioral";
  /** Email engagement: opens, clicks, replies, unsubscribes. */
  public static final String EMAIL = "email";
  /** Who the lead and their company are. */
  public static final String FIRMOGRAPHIC = "firmographic";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
  private static final Pattern FAMILY = Pattern.compile("[a-z][a-z0-9_]*");

  /**
   * @param name unique within a schema; letters, digits, '_', '-' and '.' only (it prefixes column names,
   *     which use '=' for levels)
   * @param family {@value #BEHAVIORAL}, {@value #EMAIL}, {@value #FIRMOGRAPHIC} or a user-defined lower-case
   *     word; the explain and rules modules sum contributions per family (fit vs intent)
   * @param reasons the sentences used in explanations
   * @param actionable whether a rep can change it (a demo request, a reply), as opposed to who the lead is;
   *     "what would move this lead" only suggests actionable features
   * @throws SchemaException naming the feature when a component breaks its rule
   */
  public FeatureInfo {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new SchemaException("feature name must match " + NAME.pattern() + ", got " + (name == null ? "null" : "'" + name + "'"));
    }
    if (family == null || !FAMILY.matcher(family).matches()) {
      throw SchemaException.of(name, "family must be a lower-case word such as 'behavioral', got " + (family == null ? "null" : "'" + family + "'"));
    }
    Objects.requireNonNull(reasons, () -> "feature '" + name + "': reasons");
  }

  /**
   * A non-actionable feature whose reasons are {@link ReasonTemplates#plain} of its name.
   *
   * @param name unique within a schema; letters, digits, '_', '-' and '.' only (it prefixes column names,
   *     which use '=' for levels)
   * @param family {@value #BEHAVIORAL}, {@value #EMAIL}, {@value #FIRMOGRAPHIC} or a user-defined lower-case
   *     word; the explain and rules modules sum contributions per family (fit vs intent)
   * @return the declaration
   */
  public static FeatureInfo of(String name, String family) {
    return new FeatureInfo(name, family, ReasonTemplates.plain(name.replace('_', ' ')), false);
  }

  /**
   * The same declaration with other reason templates.
   *
   * @param reasons the new templates
   * @return the new declaration
   */
  public FeatureInfo withReasons(ReasonTemplates reasons) {
    return new FeatureInfo(name, family, reasons, actionable);
  }

  /**
   * The same declaration marked actionable (or not).
   *
   * @param actionable whether a rep can act on the feature
   * @return the new declaration
   */
  public FeatureInfo withActionable(boolean actionable) {
    return new FeatureInfo(name, family, reasons, actionable);
  }
}
