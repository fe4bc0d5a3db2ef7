package dev.leadscore.core.schema;

import java.util.List;

/**
 * One declared feature of a {@link FeatureSchema}: which raw signal it reads, how it turns it into
 * one or more numeric columns, and how it is explained. The kinds are closed (a sealed set) so
 * that a schema document can never name a class to load.
 *
 * <p>All implementations are immutable records, validated on construction, safe to share between
 * threads. What a kind does (JSON form, fitting, extraction, columns) lives in its package-private
 * kind class; see the package documentation.
 */
public sealed interface FeatureSpec extends KindHook
    permits NumericFeature, BooleanFeature, OrdinalFeature, CategoricalFeature, EventCountFeature,
        RecencyFeature, TitleSeniorityFeature, EmailDomainFeature, InteractionFeature {

  /**
   * Name, family, reason templates and whether it is actionable.
   *
   * @return the feature's declaration
   */
  FeatureInfo info();

  /** {@return the feature's unique name} */
  default String name() {
    return info().name();
  }

  /** {@return the feature's family ({@code behavioral}, {@code email}, {@code firmographic}, ...)} */
  default String family() {
    return info().family();
  }

  /** {@return the kind's name in schema JSON, e.g. {@code "numeric"}} */
  String kind();

  /** {@return the lead attributes this feature reads (empty for event and interaction features)} */
  default List<String> attributes() {
    return List.of();
  }

  /** {@return the event types this feature reads (empty for attribute and interaction features)} */
  default List<String> eventTypes() {
    return List.of();
  }

  /**
   * What rules and explanations can do with this feature: which rule kinds score it and how,
   * how a rep could move it, whether explanations credit it to other features. A new, small
   * object per call; ask once per feature, not per lead.
   *
   * @return what rules and explanations can do with the feature
   */
  default FeatureOffers offers() {
    return machinery().offers();
  }
}
