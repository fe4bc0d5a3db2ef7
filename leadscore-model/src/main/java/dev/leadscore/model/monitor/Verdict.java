package dev.leadscore.model.monitor;

import dev.leadscore.model.monitor.Health.Status;
import dev.leadscore.model.monitor.MonitoringReport.Bin;
import dev.leadscore.model.monitor.MonitoringReport.FeatureDrift;
import dev.leadscore.model.monitor.MonitoringReport.MissingRateChange;
import dev.leadscore.model.monitor.MonitoringReport.OutcomeDrift;
import dev.leadscore.model.monitor.MonitoringReport.OutcomeRow;
import dev.leadscore.model.monitor.MonitoringReport.ScoreDrift;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Turns a report's figures into the verdict and its plain-English reasons. Stateless. */
final class Verdict {
  private Verdict() {}

  /** Feature sentences per status before the rest are named in one summary sentence. */
  static final int MAX_FEATURE_SENTENCES = 8;

  private record Finding(Status status, String sentence) {}

  static Health of(int rowsIn, int rowsUsed, int errors, List<FeatureDrift> features, ScoreDrift score,
      OutcomeDrift outcomes) {
    List<Finding> findings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (rowsIn == 0) {
      findings.add(new Finding(Status.WATCH, "The batch is empty: there is nothing to judge drift on."));
    } else if (rowsUsed == 0) {
      findings.add(new Finding(Status.WATCH, "None of the " + rowsIn + " leads could be used (each is listed as an"
          + " error): there is nothing to judge drift on."));
    } else {
      if (errors > 0) {
        double share = (double) errors / rowsIn;
        String s = errors + " of " + rowsIn + " leads (" + pct(share) + ") could not be read and were left out;"
            + " each is listed as an error.";
        if (share > Monitor.ERROR_SHARE_WATCH) {
          findings.add(new Finding(Status.WATCH, s.substring(0, s.length() - 1) + " (watch above "
              + pct(Monitor.ERROR_SHARE_WATCH) + ")."));
        } else {
          notes.add(s);
        }
      }
      if (rowsUsed < Monitor.MIN_ROWS) {
        findings.add(new Finding(Status.WATCH, "Only " + rowsUsed + " leads could be used: drift figures are"
            + " unreliable below " + Monitor.MIN_ROWS + " leads, so this batch cannot be vouched for and the verdict"
            + " is at most WATCH."));
      }
    }

    List<FeatureDrift> sorted = new ArrayList<>(features);
    sorted.sort(Comparator.comparingDouble(FeatureDrift::psi).reversed());
    for (Status level : new Status[] {Status.RETRAIN, Status.WATCH}) {
      List<String> rest = new ArrayList<>();
      int listed = 0;
      for (FeatureDrift f : sorted) {
        if (f.status() != level) {
          continue;
        }
        if (listed == MAX_FEATURE_SENTENCES) {
          rest.add("'" + f.feature() + "' (" + fixed(f.psi(), 2) + ")");
          continue;
        }
        listed++;
        Bin b = largestChange(f.bins());
        findings.add(new Finding(level, "Feature '" + f.feature() + "' " + (level == Status.RETRAIN
            ? "has shifted" : "is drifting") + ": PSI " + fixed(f.psi(), 2) + " (" + threshold(level) + ")"
            + (b == null ? "" : "; bin '" + b.label() + "' holds " + pct(b.current()) + " of leads against "
                + pct(b.reference()) + " in training")
            + "."));
      }
      if (!rest.isEmpty()) {
        findings.add(new Finding(level, rest.size() + " more features are past the " + (level == Status.RETRAIN
            ? "act" : "watch") + " threshold too: " + String.join(", ", rest) + "."));
      }
    }
    List<String> withinNoise = new ArrayList<>();
    for (FeatureDrift f : sorted) {
      if (f.status() == Status.OK && f.psi() >= Monitor.PSI_WATCH) {
        withinNoise.add("'" + f.feature() + "' (PSI " + fixed(f.psi(), 2) + ", chi-square " + fixed(f.chiSquare(), 1)
            + " below " + fixed(DriftStatistics.chiSquareCritical(f.degreesOfFreedom()), 1) + ")");
      }
    }
    if (!withinNoise.isEmpty()) {
      notes.add(withinNoise.size() + (withinNoise.size() == 1 ? " feature is" : " features are") + " past the PSI"
          + " watch threshold but not significantly different from training at " + rowsUsed + " leads (chi-square"
          + " below its 0.1 % critical value), so not flagged: "
          + String.join(", ", withinNoise.subList(0, Math.min(MAX_FEATURE_SENTENCES, withinNoise.size())))
          + (withinNoise.size() > MAX_FEATURE_SENTENCES ? " and " + (withinNoise.size() - MAX_FEATURE_SENTENCES)
              + " more" : "") + ".");
    }
    for (FeatureDrift f : features) {
      if (f.missingRate().isPresent() && f.missingRate().get().status() != Status.OK) {
        MissingRateChange m = f.missingRate().get();
        findings.add(new Finding(m.status(), "Feature '" + f.feature() + "' is missing for " + pct(m.current())
            + " of leads against " + pct(m.reference()) + " in training (" + points(m.change()) + "; "
            + (m.status() == Status.RETRAIN ? "act at " + points(Monitor.MISSING_RATE_ACT).substring(1)
                : "watch at " + points(Monitor.MISSING_RATE_WATCH).substring(1)) + ")."));
      }
    }

    if (score != null) {
      if (score.status() != Status.OK) {
        findings.add(new Finding(score.status(), "Scores have " + (score.status() == Status.RETRAIN ? "shifted"
            : "started to drift") + ": PSI " + fixed(score.psi(), 2) + " against the out-of-fold training scores ("
            + threshold(score.status()) + "); the mean predicted probability is " + pct(score.meanProbability())
            + " against " + pct(score.referenceMeanProbability()) + " in training."));
      }
      if (score.tierStatus() != Status.OK) {
        StringBuilder sb = new StringBuilder("Tier shares have " + (score.tierStatus() == Status.RETRAIN ? "shifted"
            : "started to drift") + ": PSI " + fixed(score.tierPsi(), 2) + " (" + threshold(score.tierStatus()) + "):");
        for (int i = 0; i < score.tiers().size(); i++) {
          Bin b = score.tiers().get(i);
          sb.append(i == 0 ? " " : ", ").append(b.label()).append(' ').append(pct(b.current())).append(" (")
              .append(pct(b.reference())).append(" in training)");
        }
        findings.add(new Finding(score.tierStatus(), sb.append('.').toString()));
      }
      for (ScoreDrift.Flag flag : score.flags()) {
        findings.add(new Finding(Status.WATCH, flag == ScoreDrift.Flag.TOO_PERMISSIVE
            ? pct(score.shareHigh()) + " of leads score " + fixed(Monitor.HIGH_SCORE, 0) + " or above ("
                + pct(score.referenceShareHigh()) + " in training): the model looks too permissive for this batch."
            : pct(score.shareLow()) + " of leads score below " + fixed(Monitor.LOW_SCORE, 0) + " ("
                + pct(score.referenceShareLow()) + " in training): the model looks too strict for this batch."));
      }
    }

    if (outcomes != null) {
      OutcomeRow o = outcomes.overall();
      if (o.status() != Status.OK) {
        findings.add(new Finding(o.status(), "Predicted conversion is " + pct(o.predictedRate()) + " but actual"
            + " conversion is " + pct(o.actualRate()) + " over " + o.leads() + " leads: a " + pct0(o.relativeGap())
            + " relative gap (more than " + pct0(Monitor.OUTCOME_GAP) + ", z = " + fixed(o.z(), 1) + ")"
            + (o.status() == Status.RETRAIN ? "; retrain the model." : ", not yet conclusive; watch.")));
      }
      for (OutcomeRow t : outcomes.tiers()) {
        if (t.status() != Status.OK) {
          findings.add(new Finding(t.status(), "Tier " + t.group() + ": predicted conversion " + pct(t.predictedRate())
              + " but actual " + pct(t.actualRate()) + " over " + t.leads() + " leads (" + pct0(t.relativeGap())
              + " relative gap, z = " + fixed(t.z(), 1) + ")" + (t.status() == Status.RETRAIN ? "; retrain the model."
                  : ", not yet conclusive; watch.")));
        }
      }
      if (outcomes.calibrationStatus() != Status.OK) {
        findings.add(new Finding(outcomes.calibrationStatus(), "Calibration error (ECE) on the new outcomes is "
            + fixed(outcomes.calibrationError(), 3) + " against " + fixed(outcomes.referenceCalibrationError(), 3)
            + " out of fold in training (watch at " + fixed(Monitor.ECE_WATCH, 2) + ")."));
      }
    }

    Status status = Status.OK;
    for (Finding f : findings) {
      status = status.max(f.status());
    }
    if (rowsUsed < Monitor.MIN_ROWS && status == Status.RETRAIN) {
      status = Status.WATCH; // too few leads to recommend retraining on; the findings are still listed
    }
    List<String> reasons = new ArrayList<>();
    for (Status s : new Status[] {Status.RETRAIN, Status.WATCH}) {
      for (Finding f : findings) {
        if (f.status() == s) {
          reasons.add(f.sentence());
        }
      }
    }
    if (status == Status.OK) {
      reasons.add(summary(rowsUsed, features, score, outcomes));
    }
    reasons.addAll(notes);
    return new Health(status, reasons);
  }

  private static String summary(int rowsUsed, List<FeatureDrift> features, ScoreDrift score, OutcomeDrift outcomes) {
    FeatureDrift top = null;
    for (FeatureDrift f : features) {
      if (top == null || f.psi() > top.psi()) {
        top = f;
      }
    }
    StringBuilder sb = new StringBuilder("No drift over " + rowsUsed + " leads: all " + features.size()
        + " monitored features have PSI below " + fixed(Monitor.PSI_WATCH, 2));
    if (top != null) {
      sb.append(" (largest ").append(fixed(top.psi(), 3)).append(", '").append(top.feature()).append("')");
    }
    if (score != null) {
      sb.append(", the score PSI is ").append(fixed(score.psi(), 3)).append(" and the tier-share PSI ")
          .append(fixed(score.tierPsi(), 3));
    }
    if (outcomes != null) {
      OutcomeRow o = outcomes.overall();
      sb.append("; predicted conversion ").append(pct(o.predictedRate())).append(" against actual ")
          .append(pct(o.actualRate())).append(" (").append(pct0(o.relativeGap())).append(" relative gap)");
    }
    return sb.append('.').toString();
  }

  private static Bin largestChange(List<Bin> bins) {
    Bin best = null;
    for (Bin b : bins) {
      if (best == null || Math.abs(b.change()) > Math.abs(best.change())) {
        best = b;
      }
    }
    return best;
  }

  private static String threshold(Status s) {
    return s == Status.RETRAIN ? "act at " + fixed(Monitor.PSI_ACT, 2) : "watch at " + fixed(Monitor.PSI_WATCH, 2);
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }

  static String pct0(double share) {
    return String.format(Locale.ROOT, "%.0f %%", 100 * share);
  }

  static String points(double change) {
    return String.format(Locale.ROOT, "%+.1f points", 100 * change);
  }

  static String fixed(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
