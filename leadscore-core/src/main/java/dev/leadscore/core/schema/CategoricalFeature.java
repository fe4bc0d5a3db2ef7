package dev.leadscore.core.schema;

import java.util.List;

/**
 * A text attribute one-hot encoded. Values are normalised (trimmed, lower-case, inner whitespace
 * collapsed) before matching. The levels kept are either declared here or, when {@code levels} is
 * empty, learned when the schema is fitted: every normalised value seen in at least
 * {@code minCount} training rows. Values outside the kept levels, including ones never seen in
 * training, go to the explicit {@code other} column; missing values go to a {@code missing} column
 * when {@code missingLevel} is set, else to {@code other}. Numbers and booleans are taken as their
 * text.
 *
 * <p>Columns: {@code <name>=<level>} per kept level, {@code <name>=other}, and
 * {@code <name>=missing} when {@code missingLevel}. Immutable, thread-safe.
 *
 * @param info name, family, reasons
 * @param attribute the lead attribute read
 * @param levels declared levels (normalised on use), or empty to learn them
 * @param minCount rare-level threshold when learning; {@code >= 1}
 * @param missingLevel whether missing values get a column of their own
 * @param missingTokens text meaning "no value", such as {@code Select}
 */
public record CategoricalFeature(FeatureInfo info, String attribute, List<String> levels, int minCount,
    boolean missingLevel, List<String> missingTokens) implements FeatureSpec {

  /** The level unseen and rare values fall into. */
  public static final String OTHER = "other";
  /** The level missing values fall into when {@code missingLevel} is set. */
  public static final String MISSING = "missing";

  /**
   * @param info name, family, reasons
   * @param attribute the lead attribute read
   * @param levels declared levels (normalised on use), or empty to learn them
   * @param minCount rare-level threshold when learning; {@code >= 1}
   * @param missingLevel whether missing values get a column of their own
   * @param missingTokens text meaning "no value", such as {@code Select}
   * @throws SchemaException naming the feature when a component breaks its rule
   */
  public CategoricalFeature {
    attribute = Specs.attribute(info, attribute);
    levels = Specs.tokens(levels);
    List<String> norm = Specs.normaliseAll(levels);
    if (norm.stream().distinct().count() != norm.size()) {
      throw SchemaException.of(info.name(), "declared levels must differ after normalisation, got " + levels);
    }
    for (String l : norm) {
      if (l.isEmpty() || l.equals(OTHER) || l.equals(MISSING)) {
        throw SchemaException.of(info.name(), "declared level '" + l + "' is blank or reserved (other, missing)");
      }
    }
    if (minCount < 1) {
      throw SchemaException.of(info.name(), "minCount must be >= 1, got " + minCount);
    }
    missingTokens = Specs.tokens(missingTokens);
  }

  /**
   * Learned levels kept when seen at least {@code minCount} times, with a missing level.
   *
   * @param info name, family, reasons
   * @param attribute the lead attribute read
   * @param minCount the fewest occurrences in training for a level to be kept
   * @param missingTokens cell values read as missing
   * @return the feature
   */
  public static CategoricalFeature learned(FeatureInfo info, String attribute, int minCount, List<String> missingTokens) {
    return new CategoricalFeature(info, attribute, List.of(), minCount, true, missingTokens);
  }

  @Override
  public String kind() {
    return CategoricalKind.NAME;
  }

  /** @hidden machinery, not part of the API */
  @Override
  @SuppressWarnings("exports") // the machinery's type is package-private on purpose
  public FeatureKind machinery() {
    return new CategoricalKind(this);
  }

  @Override
  public List<String> attributes() {
    return List.of(attribute);
  }
}
