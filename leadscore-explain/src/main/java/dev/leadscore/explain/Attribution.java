package dev.leadscore.explain;

import dev.leadscore.core.schema.FeatureInfo;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact SHAP values of one lead, on the logit scale: the base value and one contribution per
 * schema feature (every feature that is not an interaction, in schema order, including those at
 * their average whose value is 0 or nearly so), with {@code baseValue() + Σ contribution = logit()}
 * to within {@link LinearShap#ADDITIVITY_TOLERANCE}. This is the numeric form; {@link
 * LinearShap#explain} turns it into the plain-English {@link dev.leadscore.core.Explanation}.
 *
 * <p>Immutable (the contributions are copied out) and safe to share between threads.
 */
public final class Attribution {
  private final String[] features;
  private final String[] families;
  private final double[] phi;
  private final double baseValue;
  private final double logit;

  Attribution(String[] features, String[] families, double[] phi, double baseValue, double logit) {
    this.features = features;
    this.families = families;
    this.phi = phi;
    this.baseValue = baseValue;
    this.logit = logit;
  }

  /** {@return the logit of a lead at the background average, {@code b + w·E[x]}} */
  public double baseValue() {
    return baseValue;
  }

  /** {@return the model's logit for this lead} */
  public double logit() {
    return logit;
  }

  /** {@return {@code baseValue() + Σ contributions}, which equals {@link #logit()} to the additivity tolerance} */
  public double total() {
    double s = baseValue;
    for (double v : phi) {
      s += v;
    }
    return s;
  }

  /** {@return the number of features} */
  public int size() {
    return phi.length;
  }

  /** {@return the feature names, in schema order (unmodifiable)} */
  public List<String> features() {
    return Collections.unmodifiableList(Arrays.asList(features));
  }

  /**
   * The {@code i}-th feature's name.
   *
   * @param i the feature's index, in schema order
   * @return its name
   */
  public String feature(int i) {
    return features[i];
  }

  /**
   * The {@code i}-th feature's family.
   *
   * @param i the feature's index, in schema order
   * @return its family
   */
  public String family(int i) {
    return families[i];
  }

  /**
   * The {@code i}-th feature's contribution, in log-odds.
   *
   * @param i the feature's index, in schema order
   * @return its contribution
   */
  public double contribution(int i) {
    return phi[i];
  }

  /**
   * A feature's contribution, in log-odds.
   *
   * @param feature the feature's name
   * @return its contribution
   * @throws IllegalArgumentException if there is no such (non-interaction) feature
   */
  public double contribution(String feature) {
    for (int i = 0; i < features.length; i++) {
      if (features[i].equals(feature)) {
        return phi[i];
      }
    }
    throw new IllegalArgumentException("no feature '" + feature + "' in this attribution (interaction features are split between their parents)");
  }

  /** {@return all contributions, a copy, in schema order} */
  public double[] contributions() {
    return phi.clone();
  }

  /** {@return contributions by feature name, in schema order (unmodifiable)} */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < phi.length; i++) {
      m.put(features[i], phi[i]);
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * The sum of the contributions of one family.
   *
   * @param family the family, e.g. {@link FeatureInfo#FIRMOGRAPHIC}
   * @return the sum, in log-odds (0 when no feature is of that family)
   */
  public double familyTotal(String family) {
    double s = 0;
    for (int i = 0; i < phi.length; i++) {
      if (families[i].equals(family)) {
        s += phi[i];
      }
    }
    return s;
  }

  /** {@return fit: the sum over firmographic features (who the lead is)} */
  public double fit() {
    return familyTotal(FeatureInfo.FIRMOGRAPHIC);
  }

  /** {@return intent: the sum over behavioural and email features (what the lead does)} */
  public double intent() {
    return familyTotal(FeatureInfo.BEHAVIORAL) + familyTotal(FeatureInfo.EMAIL);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attribution a && Arrays.equals(features, a.features) && Arrays.equals(families, a.families)
        && Arrays.equals(phi, a.phi) && Double.compare(baseValue, a.baseValue) == 0 && Double.compare(logit, a.logit) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(phi) + Double.hashCode(logit);
  }

  @Override
  public String toString() {
    return "Attribution[base=" + baseValue + ", logit=" + logit + ", " + asMap() + "]";
  }
}
