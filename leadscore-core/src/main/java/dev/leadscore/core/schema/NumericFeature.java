package dev.leadscore.core.schema;

import java.util.List;

/**
 * A numeric attribute, optionally clipped to {@code [clipMin, clipMax]} and then transformed by
 * a sign-symmetric {@code log1p} ({@code sign(x)·ln(1+|x|)}, total for every finite value, equal
 * to {@code log1p} for {@code x >= 0}). Missing values (absent, blank text, a declared missing
 * token, or a number equal to a numeric token such as {@code 999}) are imputed and, when
 * {@code missingFlag} is set, flagged in an extra 0/1 column {@code <name>_missing}. Text that
 * parses as a number is accepted (CSV exports are untyped); other text, and booleans, are
 * rejected with a {@code LeadDataException}.
 *
 * <p>Columns: {@code <name>} and optionally {@code <name>_missing}; with a {@link Basis} the
 * value column is replaced by the basis columns described there (a missing value's imputed
 * value goes through the basis too). Immutable, thread-safe.
 *
 * @param info name, family, reasons
 * @param attribute the lead attribute read
 * @param log1p whether to apply the log transform after clipping
 * @param clipMin lower clip in raw units ({@code -Infinity} for none)
 * @param clipMax upper clip in raw units ({@code +Infinity} for none)
 * @param imputation what a missing value becomes
 * @param missingFlag whether to add the missing-indicator column
 * @param missingTokens text (compared trimmed, case- and whitespace-insensitively) or numbers
 *     that mean "no value" in this export
 * @param basis the learned expansion, {@link Basis#none()} for a plain value
 */
public record NumericFeature(FeatureInfo info, String attribute, boolean log1p, double clipMin,
    double clipMax, Imputation imputation, boolean missingFlag, List<String> missingTokens, Basis basis)
    implements FeatureSpec {

  /**
   * @param info name, family, reasons
   * @param attribute the lead attribute read
   * @param log1p whether to apply the log transform after clipping
   * @param clipMin lower clip in raw units ({@code -Infinity} for none)
   * @param clipMax upper clip in raw units ({@code +Infinity} for none)
   * @param imputation what a missing value becomes
   * @param missingFlag whether to add the missing-indicator column
   * @param missingTokens text (compared trimmed, case- and whitespace-insensitively) or numbers that mean "no
   *     value" in this export
   * @param basis the learned expansion, {@link Basis#none()} for a plain value
   * @throws SchemaException naming the feature when a component breaks its rule
   */
  public NumericFeature {
    attribute = Specs.attribute(info, attribute);
    if (Double.isNaN(clipMin) || Double.isNaN(clipMax) || clipMin > clipMax) {
      throw SchemaException.of(info.name(), "clip bounds must satisfy clipMin <= clipMax, got clipMin=" + clipMin + ", clipMax=" + clipMax);
    }
    if (clipMin == Double.POSITIVE_INFINITY || clipMax == Double.NEGATIVE_INFINITY) {
      // every value would be clipped to an infinity
      throw SchemaException.of(info.name(), "clipMin must be finite or -Infinity and clipMax finite or +Infinity, got clipMin="
          + clipMin + ", clipMax=" + clipMax);
    }
    if (imputation == null) {
      throw SchemaException.of(info.name(), "imputation is required");
    }
    missingTokens = Specs.tokens(missingTokens);
    if (basis == null) {
      throw SchemaException.of(info.name(), "basis is required (use Basis.none())");
    }
  }

  /**
   * A plain value without a basis expansion.
   *
   * @param info name, family, reasons
   * @param attribute the lead attribute read
   * @param log1p whether to apply the log transform after clipping
   * @param clipMin lower clip in raw units ({@code -Infinity} for none)
   * @param clipMax upper clip in raw units ({@code +Infinity} for none)
   * @param imputation what a missing value becomes
   * @param missingFlag whether to add the missing-indicator column
   * @param missingTokens text (compared trimmed, case- and whitespace-insensitively) or numbers that mean "no
   *     value" in this export
   */
  public NumericFeature(FeatureInfo info, String attribute, boolean log1p, double clipMin, double clipMax,
      Imputation imputation, boolean missingFlag, List<String> missingTokens) {
    this(info, attribute, log1p, clipMin, clipMax, imputation, missingFlag, missingTokens, Basis.none());
  }

  /**
   * The same feature expanded by {@code basis}.
   *
   * @param basis the basis expansion
   * @return the new feature
   */
  public NumericFeature withBasis(Basis basis) {
    return new NumericFeature(info, attribute, log1p, clipMin, clipMax, imputation, missingFlag, missingTokens, basis);
  }

  /**
   * An unclipped, untransformed value imputed by the training mean with a missing flag.
   *
   * @param info name, family, reasons
   * @param attribute the lead attribute read
   * @return the feature
   */
  public static NumericFeature of(FeatureInfo info, String attribute) {
    return new NumericFeature(info, attribute, false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        Imputation.mean(), true, List.of());
  }

  @Override
  public String kind() {
    return NumericKind.NAME;
  }

  /** @hidden machinery, not part of the API */
  @Override
  @SuppressWarnings("exports") // the machinery's type is package-private on purpose
  public FeatureKind machinery() {
    return new NumericKind(this);
  }

  @Override
  public List<String> attributes() {
    return List.of(attribute);
  }
}
