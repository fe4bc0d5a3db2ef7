package dev.leadscore.core.schema;

import java.util.List;

/**
 * A free-text job title parsed into a {@link Seniority} and one-hot encoded over all six levels
 * (missing and placeholder titles, including the declared missing tokens, are
 * {@link Seniority#UNKNOWN}). A number or boolean where a title is expected is rejected with a
 * {@code LeadDataException}.
 *
 * <p>Columns: {@code <name>=c_level}, {@code =vp}, {@code =director}, {@code =manager},
 * {@code =individual_contributor}, {@code =unknown}. Immutable, thread-safe.
 *
 * @param info name, family, reasons
 * @param attribute the lead attribute holding the title
 * @param missingTokens extra text meaning "no title"
 */
public record TitleSeniorityFeature(FeatureInfo info, String attribute, List<String> missingTokens)
    implements FeatureSpec {

  /**
   * @param info name, family, reasons
   * @param attribute the lead attribute holding the title
   * @param missingTokens extra text meaning "no title"
   * @throws SchemaException naming the feature when a component breaks its rule
   */
  public TitleSeniorityFeature {
    attribute = Specs.attribute(info, attribute);
    missingTokens = Specs.tokens(missingTokens);
  }

  @Override
  public String kind() {
    return TitleSeniorityKind.NAME;
  }

  /** @hidden machinery, not part of the API */
  @Override
  @SuppressWarnings("exports") // the machinery's type is package-private on purpose
  public FeatureKind machinery() {
    return new TitleSeniorityKind(this);
  }

  @Override
  public List<String> attributes() {
    return List.of(attribute);
  }
}
