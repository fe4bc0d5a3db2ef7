package dev.leadscore.bench.report;

import dev.leadscore.core.schema.Column;
import dev.leadscore.model.TrainedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The direction of each feature's effect in a trained model, read from its weights: for a value
 * (with its hinge terms) the sign of the slope over every segment, so "higher raises the score"
 * only when it does so everywhere; for levels (categories, quantile bins, fixed levels) the best
 * and the worst level against each other. Missing flags and pairwise terms are left out: they do
 * not have a direction of their own. Stateless.
 */
final class Effects {
  private Effects() {}

  /**
   * One feature's direction.
   *
   * @param sign +1 when a higher value raises the score everywhere, −1 when it lowers it
   *     everywhere, 0 when it depends on the value or level
   * @param text a few words, e.g. "higher raises", "best: Healthcare, worst: Retail"
   */
  record Effect(int sign, String text) {}

  /** The direction of every feature with a value or level column, by feature name. */
  static Map<String, Effect> of(TrainedModel m) {
    double[] w = m.rawWeights();
    Map<String, List<Column>> byFeature = new LinkedHashMap<>();
    for (Column c : m.columns()) {
      byFeature.computeIfAbsent(c.feature(), k -> new ArrayList<>()).add(c);
    }
    Map<String, Effect> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<Column>> e : byFeature.entrySet()) {
      Effect effect = effect(e.getValue(), w);
      if (effect != null) {
        out.put(e.getKey(), effect);
      }
    }
    return out;
  }

  private static Effect effect(List<Column> columns, double[] w) {
    double slope = 0;
    boolean anyValue = false;
    boolean up = false;
    boolean down = false;
    String best = null;
    String worst = null;
    double bestW = Double.NEGATIVE_INFINITY;
    double worstW = Double.POSITIVE_INFINITY;
    List<Double> levelWeights = new ArrayList<>();
    boolean bins = true;
    for (Column c : columns) {
      double wj = w[c.index()];
      if (c.role() == Column.Role.VALUE || c.role() == Column.Role.BASIS) {
        // A hinge adds its slope from its knot on: the slope of each segment is a running sum.
        slope += wj;
        anyValue = true;
        up |= slope > 0;
        down |= slope < 0;
      } else if (c.role() == Column.Role.LEVEL) {
        levelWeights.add(wj);
        bins &= c.level() != null && c.level().matches("bin\\d+");
        if (wj > bestW) {
          bestW = wj;
          best = c.level();
        }
        if (wj < worstW) {
          worstW = wj;
          worst = c.level();
        }
      }
    }
    if (anyValue) {
      if (up && !down) {
        return new Effect(1, "higher raises the score");
      }
      if (down && !up) {
        return new Effect(-1, "higher lowers the score");
      }
      return new Effect(0, up ? "depends on the value" : "no effect");
    }
    if (levelWeights.isEmpty()) {
      return null;
    }
    if (bestW == worstW) {
      return new Effect(0, "no effect");
    }
    if (bins) {
      int rising = 0;
      int falling = 0;
      for (int i = 1; i < levelWeights.size(); i++) {
        rising += levelWeights.get(i) >= levelWeights.get(i - 1) ? 1 : 0;
        falling += levelWeights.get(i) <= levelWeights.get(i - 1) ? 1 : 0;
      }
      if (rising == levelWeights.size() - 1) {
        return new Effect(1, "higher raises the score");
      }
      if (falling == levelWeights.size() - 1) {
        return new Effect(-1, "higher lowers the score");
      }
    }
    return new Effect(0, "best: " + best + ", worst: " + worst);
  }
}
