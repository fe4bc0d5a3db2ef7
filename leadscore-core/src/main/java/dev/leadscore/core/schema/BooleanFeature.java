package dev.leadscore.core.schema;

import java.util.List;

/**
 * A yes/no attribute as one 0/1 column. Accepts booleans, the numbers 0 and 1, and the text
 * spellings exports use: {@code true/false, yes/no, y/n, t/f, 1/0} in any case. Missing values are
 * imputed (by default the training rate of 1s) and optionally flagged in {@code <name>_missing};
 * anything else is rejected with a {@code LeadDataException}.
 *
 * <p>Immutable, thread-safe.
 *
 * @param info name, family, reasons
 * @param attribute the lead attribute read
 * @param imputation what a missing value becomes (a constant must be 0 or 1)
 * @param missingFlag whether to add the missing-indicator column
 * @param missingTokens text meaning "no value" (compared normalised)
 */
public record BooleanFeature(FeatureInfo info, String attribute, Imputation imputation,
    boolean missingFlag, List<String> missingTokens) implements FeatureSpec {

  /**
   * @param info name, family, reasons
   * @param attribute the lead attribute read
   * @param imputation what a missing value becomes (a constant must be 0 or 1)
   * @param missingFlag whether to add the missing-indicator column
   * @param missingTokens text meaning "no value" (compared normalised)
   * @throws SchemaException naming the feature when a component breaks its rule
   */
  public BooleanFeature {
    attribute = Specs.attribute(info, attribute);
    if (imputation == null) {
      throw SchemaException.of(info.name(), "imputation is required");
    }
    if (imputation.strategy() == Imputation.Strategy.CONSTANT && imputation.value() != 0 && imputation.value() != 1) {
      throw SchemaException.of(info.name(), "a boolean's constant imputation must be 0 or 1, got " + imputation.value());
    }
    missingTokens = Specs.tokens(missingTokens);
  }

  /**
   * Missing imputed as 0 ("no"), without a flag.
   *
   * @param info name, family, reasons
   * @param attribute the lead attribute read
   * @return the feature
   */
  public static BooleanFeature of(FeatureInfo info, String attribute) {
    return new BooleanFeature(info, attribute, Imputation.constant(0), false, List.of());
  }

  @Override
  public String kind() {
    return BooleanKind.NAME;
  }

  /** @hidden machinery, not part of the API */
  @Override
  @SuppressWarnings("exports") // the machinery's type is package-private on purpose
  public FeatureKind machinery() {
    return new BooleanKind(this);
  }

  @Override
  public List<String> attributes() {
    return List.of(attribute);
  }
}
