package dev.leadscore.rules;

import dev.leadscore.core.Lead;
import dev.leadscore.core.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Extra points for a combination of other rules that all fired. */
final class BonusRule extends CompiledRule {
  private final int[] parts;
  private final double extraFactor;
  private final String text;

  /**
   * @param indexOf each rule's position in the rule set (the index into {@code pts})
   * @param compiled the compiled rules by position; every ordinary rule is already compiled
   */
  BonusRule(Rule.Bonus r, Map<String, Integer> indexOf, CompiledRule[] compiled) {
    this(r, resolve(r, indexOf, compiled), indexOf);
  }

  private BonusRule(Rule.Bonus r, List<CompiledRule> parts, Map<String, Integer> indexOf) {
    super(r, familyOf(parts), extra(r, parts), extra(r, parts));
    this.parts = new int[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      this.parts[i] = indexOf.get(parts.get(i).id);
    }
    this.extraFactor = r.multiplier() - 1.0;
    this.text = r.text();
  }

  private static List<CompiledRule> resolve(Rule.Bonus r, Map<String, Integer> indexOf, CompiledRule[] compiled) {
    List<CompiledRule> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String p : r.parts()) {
      Integer i = indexOf.get(p);
      CompiledRule c = i == null ? null : compiled[i];
      if (c == null || c instanceof BonusRule || !seen.add(p)) {
        throw RuleSetException.of(r.id(), "bonus part '" + p + "' is not an ordinary rule of the rule set");
      }
      out.add(c);
    }
    return out;
  }

  private static String familyOf(List<CompiledRule> parts) {
    for (CompiledRule p : parts) {
      if (p.group == Group.INTENT) {
        return p.family;
      }
    }
    return parts.get(0).family;
  }

  /** The extra points when every part is at its maximum: the bonus's extreme. */
  private static double extra(Rule.Bonus r, List<CompiledRule> parts) {
    double sum = 0;
    for (CompiledRule p : parts) {
      sum += p.max;
    }
    return Points.q((r.multiplier() - 1.0) * sum);
  }

  /** Whether every part earned strictly positive points. */
  boolean earned(double[] pts) {
    for (int p : parts) {
      if (!(pts[p] > 0)) {
        return false;
      }
    }
    return true;
  }

  /** The sum of the parts' points (exact: grid values). */
  double partsSum(double[] pts) {
    double sum = 0;
    for (int p : parts) {
      sum += pts[p];
    }
    return sum;
  }

  @Override
  double points(Lead lead, Instant asOf, long asOfMillis, double[] row, double[] pts, Scratch scratch) {
    if (!earned(pts)) {
      return 0.0;
    }
    return Points.clamp(Points.q(extraFactor * partsSum(pts)), min, max);
  }

  @Override
  Reason reason(Lead lead, Instant asOf, double[] row, long occurrences, double points, double scorePoints) {
    return fixed(id, family, points, scorePoints, points != 0 ? text : text + " (not earned)", null);
  }
}
