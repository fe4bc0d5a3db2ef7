package dev.leadscore.bench;

import dev.leadscore.core.BatchResult;
import dev.leadscore.core.Explanation;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.rules.RuleScorer;
import dev.leadscore.rules.RuleSet;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The README's main job, for now: generate the default synthetic pipeline, fit the default schema
 * on the oldest 80 % of leads (a time-ordered split, so nothing about the holdout leaks into the
 * fitted imputations and levels), extract every lead at the pipeline's {@code asOf}, and report
 * the data and which signals carry information on the newest 20 %. Later work adds the rule
 * baseline, the model and the report to this command.
 */
final class Demo {
  private Demo() {}

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    int size = 800;
    long seed = 42;
    Path outDir = Path.of("target", "demo");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        err.println("option " + a + " needs a value");
        return 2;
      }
      String v = args[++i];
      try {
        switch (a) {
          case "--size":
            size = Integer.parseInt(v);
            break;
          case "--seed":
            seed = Long.parseLong(v);
            break;
          case "--out":
            outDir = Path.of(v);
            break;
          default:
            err.println("unknown option " + a);
            return 2;
        }
      } catch (NumberFormatException e) {
        err.println("option " + a + " needs a whole number, got '" + v + "'");
        return 2;
      }
    }

    SyntheticPipeline pipeline;
    try {
      pipeline = SyntheticPipeline.builder().size(size).seed(seed).build();
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    SyntheticData data = pipeline.generate();
    Instant asOf = data.asOf();
    List<LabelledLead> leads = new ArrayList<>(data.leads());
    // Oldest first, so the holdout is the newest leads, as it would be in production.
    leads.sort(Comparator.comparing((LabelledLead l) -> l.lead().createdAt().orElse(Instant.MIN))
        .thenComparing(l -> l.lead().id()));
    int nTrain = (int) Math.round(leads.size() * 0.8);
    List<LabelledLead> train = leads.subList(0, nTrain);
    List<LabelledLead> holdout = leads.subList(nTrain, leads.size());

    FeatureSchema schema = SyntheticPipeline.defaultSchema();
    FittedSchema fitted = schema.fit(train.stream().map(LabelledLead::lead).toList());
    double[][] xTrain = extract(fitted, train, asOf);
    double[][] xHold = extract(fitted, holdout, asOf);

    long converted = leads.stream().filter(LabelledLead::converted).count();
    out.printf(Locale.ROOT, "leadscore demo: default synthetic pipeline%n");
    out.printf(Locale.ROOT, "  leads        %d (seed %d, asOf %s), converted %d = %.1f %%%n",
        leads.size(), seed, asOf, converted, 100.0 * converted / leads.size());
    out.printf(Locale.ROOT, "  schema       %s v%d: %d features -> %d columns%n", schema.name(), schema.version(),
        schema.features().size(), fitted.width());
    out.printf(Locale.ROOT, "  fingerprint  %s%n", fitted.fingerprint());
    out.printf(Locale.ROOT, "  split        train %d oldest leads, holdout %d newest (by createdAt)%n", train.size(), holdout.size());
    Map<String, Integer> families = new LinkedHashMap<>();
    for (FeatureSpec f : schema.features()) {
      families.merge(f.family(), 1, Integer::sum);
    }
    out.printf(Locale.ROOT, "  families     %s%n", families);

    out.printf(Locale.ROOT, "%nStrongest single signals on the holdout (ROC AUC of one feature's best column; 0.5 = none)%n");
    out.printf(Locale.ROOT, "  %-24s %-13s %-34s %6s%n", "feature", "family", "column", "AUC");
    boolean[] yHold = labels(holdout);
    List<String[]> rows = new ArrayList<>();
    for (FeatureSpec f : schema.features()) {
      double best = 0.5;
      String bestCol = "";
      for (Column c : fitted.columns()) {
        if (!c.feature().equals(f.name())) {
          continue;
        }
        double auc = Auc.of(column(xHold, c.index()), yHold);
        if (!Double.isNaN(auc) && Math.abs(auc - 0.5) > Math.abs(best - 0.5)) {
          best = auc;
          bestCol = c.name();
        }
      }
      rows.add(new String[] {f.name(), f.family(), bestCol, String.format(Locale.ROOT, "%.3f", best)});
    }
    rows.sort(Comparator.comparingDouble((String[] r) -> -Math.abs(Double.parseDouble(r[3]) - 0.5)).thenComparing(r -> r[0]));
    for (String[] r : rows.subList(0, Math.min(12, rows.size()))) {
      out.printf(Locale.ROOT, "  %-24s %-13s %-34s %6s%n", (Object[]) r);
    }

    out.printf(Locale.ROOT, "%nMissing values in the training rows (share imputed or in the 'missing' level)%n");
    for (Column c : fitted.columns()) {
      boolean missingCol = c.role() == Column.Role.MISSING_FLAG
          || (c.role() == Column.Role.LEVEL && ("missing".equals(c.level()) || "unknown".equals(c.level())));
      if (missingCol) {
        double share = mean(column(xTrain, c.index()));
        out.printf(Locale.ROOT, "  %-34s %5.1f %%%n", c.name(), 100 * share);
      }
    }

    reportRules(out, fitted, holdout, asOf);

    Files.createDirectories(outDir);
    Path schemaFile = outDir.resolve("fitted-schema.json");
    Files.writeString(schemaFile, fitted.toJson(), StandardCharsets.UTF_8);
    Path featuresFile = outDir.resolve("features.csv");
    writeFeatures(featuresFile, fitted, leads, asOf);
    out.printf(Locale.ROOT, "%nWrote %s and %s (%d rows x %d columns)%n", schemaFile, featuresFile, leads.size(), fitted.width());
    out.printf(Locale.ROOT, "The trained model and its explanations join this demo as they land.%n");
    return 0;
  }

  /** The rule baseline on the newest leads: AUC, tier table and one explained lead. */
  private static void reportRules(PrintStream out, FittedSchema fitted, List<LabelledLead> holdout, Instant asOf) {
    RuleScorer rules = RuleScorer.of(RuleSet.syntheticDefault(), fitted);
    List<Lead> leads = holdout.stream().map(LabelledLead::lead).toList();
    BatchResult batch = rules.scoreAll(leads, asOf, LeadScorer.Detail.EXPLAINED);
    double[] scores = new double[batch.scores().size()];
    boolean[] y = new boolean[scores.length];
    Map<String, Boolean> converted = new LinkedHashMap<>();
    holdout.forEach(l -> converted.put(l.lead().id(), l.converted()));
    for (int i = 0; i < scores.length; i++) {
      Score sc = batch.scores().get(i);
      scores[i] = sc.score();
      y[i] = converted.get(sc.leadId());
    }
    out.printf(Locale.ROOT, "%nRule baseline (%s v%s, cut-offs %s) on the holdout%n", rules.modelId(), rules.modelVersion(), rules.cutoffs());
    out.printf(Locale.ROOT, "  scored %d, errors %d, ROC AUC %.3f%n", scores.length, batch.errors().size(), Auc.of(scores, y));
    long allConverted = 0;
    for (boolean b : y) {
      allConverted += b ? 1 : 0;
    }
    out.printf(Locale.ROOT, "  %-9s %6s %7s %11s %9s%n", "tier", "leads", "share", "converting", "captured");
    for (Tier t : Tier.values()) {
      int n = 0;
      int c = 0;
      for (int i = 0; i < scores.length; i++) {
        if (batch.scores().get(i).tier() == t) {
          n++;
          c += y[i] ? 1 : 0;
        }
      }
      out.printf(Locale.ROOT, "  %-9s %6d %6.1f%% %10.1f%% %8.1f%%%n", t.label(), n, 100.0 * n / scores.length,
          n == 0 ? 0.0 : 100.0 * c / n, allConverted == 0 ? 0.0 : 100.0 * c / allConverted);
    }
    Score top = batch.scores().stream().max(java.util.Comparator.comparingDouble(Score::score)).orElseThrow();
    Explanation why = top.explanation().orElseThrow();
    out.printf(Locale.ROOT, "  highest-scoring lead %s: score %.0f, %s (%s)%n", top.leadId(), top.score(), top.tier().label(), top.tier().action());
    for (Reason r : why.topReasons()) {
      out.printf(Locale.ROOT, "    + %-60s %+6.1f points%n", r.text(), r.contribution());
    }
    for (Reason r : why.risks()) {
      out.printf(Locale.ROOT, "    - %-60s %+6.1f points%n", r.text(), r.contribution());
    }
  }

  private static double[][] extract(FittedSchema fitted, List<LabelledLead> leads, Instant asOf) {
    double[][] x = new double[leads.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = fitted.extract(leads.get(i).lead(), asOf);
    }
    return x;
  }

  private static boolean[] labels(List<LabelledLead> leads) {
    boolean[] y = new boolean[leads.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = leads.get(i).converted();
    }
    return y;
  }

  private static double[] column(double[][] x, int j) {
    double[] c = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i][j];
    }
    return c;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return v.length == 0 ? 0 : s / v.length;
  }

  private static void writeFeatures(Path file, FittedSchema fitted, List<LabelledLead> leads, Instant asOf) throws IOException {
    double[] row = new double[fitted.width()];
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder header = new StringBuilder("lead_id,converted");
      for (Column c : fitted.columns()) {
        header.append(',').append(csv(c.name()));
      }
      w.write(header.append('\n').toString());
      for (LabelledLead l : leads) {
        Lead lead = l.lead();
        fitted.extract(lead, asOf, row);
        StringBuilder sb = new StringBuilder(csv(lead.id())).append(',').append(l.converted() ? 1 : 0);
        for (double v : row) {
          sb.append(',').append(v);
        }
        w.write(sb.append('\n').toString());
      }
    }
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
