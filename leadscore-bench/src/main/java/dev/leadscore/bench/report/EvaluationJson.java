package dev.leadscore.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.Reason;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.explain.Importance;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingOptions;
import dev.leadscore.model.TrainingSummary;
import dev.leadscore.model.eval.DataSufficiency;
import dev.leadscore.model.eval.Interval;
import dev.leadscore.model.eval.LiftCapture;
import dev.leadscore.model.eval.ReliabilityTable;
import dev.leadscore.model.eval.TierTable;

/**
 * The machine-readable form of an {@link EvaluationResult}: one JSON object with the data set,
 * the protocol, {@code crossValidation.model} and {@code crossValidation.rules} (each with
 * {@code auc} {estimate, lower, upper, level}, {@code averagePrecision}, {@code brier}, {@code
 * logLoss}, {@code ece}, {@code lift} [...], {@code tiers} {cutoffs, rows [...]}, {@code
 * reliability} [...]), {@code backTest}, {@code lambdaTable}, {@code importance}, {@code
 * dataCheck} and {@code examples}. Undefined numbers (NaN) are written as {@code null}; an empty
 * tier's cut-off ({@code +Infinity}) as the string {@code "Infinity"}. No per-lead data is
 * written. Stateless.
 */
public final class EvaluationJson {
  /** The value of the top-level {@code format} field. */
  public static final String FORMAT = "leadscore-evaluation";
  /** Its version. */
  public static final int FORMAT_VERSION = 1;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EvaluationJson() {}

  /** The result as pretty-printed JSON, ending in a newline. */
  public static String write(EvaluationResult r) {
    try {
      return MAPPER.writeValueAsString(tree(r)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the evaluation", e);
    }
  }

  /** The result as a JSON tree. */
  public static ObjectNode tree(EvaluationResult r) {
    ObjectNode root = NODES.objectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    EvaluationResult.Dataset d = r.dataset();
    ObjectNode data = root.putObject("dataset");
    data.put("name", d.name());
    data.put("rowsRead", d.rowsRead());
    data.put("rejected", d.rejected());
    data.put("leads", d.leads());
    data.put("positives", d.positives());
    num(data, "conversionRate", d.conversionRate());
    data.put("asOf", d.asOf().toString());
    data.put("timeDependentFeatures", d.timeDependent());
    data.put("schema", d.schemaName());
    data.put("schemaVersion", d.schemaVersion());
    data.put("schemaFingerprint", d.schemaFingerprint());
    data.put("features", d.features());
    data.put("columns", d.columns());
    if (d.rulesName() != null) {
      data.put("rules", d.rulesName());
    }
    root.put("protocol", r.protocol());
    Decision decision = Decision.of(r);
    ObjectNode dec = root.putObject("decision");
    dec.put("scorer", decision.scorer());
    dec.put("headline", decision.headline());
    decision.reasons().forEach(dec.putArray("reasons")::add);
    decision.warnings().forEach(dec.putArray("warnings")::add);
    TrainingOptions options = r.finalModel().provenance().options();
    ObjectNode opts = root.putObject("options");
    opts.put("folds", options.folds());
    opts.put("seed", options.seed());
    ArrayNode grid = opts.putArray("lambdas");
    for (double l : options.lambdas()) {
      grid.add(l);
    }
    opts.put("selectionMetric", options.selectionMetric().name());
    opts.put("calibration", options.calibration().name());
    opts.put("tierPolicy", options.tierPolicy().toString());
    ObjectNode cv = root.putObject("crossValidation");
    cv.set("model", scorer(r.model()));
    if (r.rules() != null) {
      cv.set("rules", scorer(r.rules()));
    }
    if (r.oracleAuc() != null) {
      num(cv, "oracleAuc", r.oracleAuc());
    }
    if (r.backTest() != null) {
      EvaluationResult.BackTestOutcome b = r.backTest();
      ObjectNode bt = root.putObject("backTest");
      bt.put("split", b.split());
      bt.put("trainRows", b.trainRows());
      bt.put("testRows", b.testRows());
      num(bt, "crossValidatedAucOnEarlierLeads", b.crossValidatedAuc());
      num(bt, "lambda", b.lambda());
      if (b.foldScheme() != null) {
        bt.put("foldScheme", b.foldScheme());
      }
      ArrayNode btWarnings = bt.putArray("trainingWarnings");
      b.warnings().forEach(btWarnings::add);
      num(bt, "predictedVsObservedGap", b.relativeGap());
      bt.put("gapFlagged", b.gapFlagged());
      bt.set("model", scorer(b.model()));
      if (b.rules() != null) {
        bt.set("rules", scorer(b.rules()));
      }
    }
    root.set("finalModel", model(r.finalModel()));
    ArrayNode imp = root.putArray("importance");
    for (Importance i : r.importance()) {
      ObjectNode o = imp.addObject();
      o.put("feature", i.feature());
      o.put("family", i.family());
      num(o, "meanAbsShap", i.meanAbsContribution());
    }
    root.set("dataCheck", sufficiency(r.sufficiency()));
    ArrayNode ex = root.putArray("examples");
    for (EvaluationResult.Example e : r.examples()) {
      ObjectNode o = ex.addObject();
      o.put("leadId", e.score().leadId());
      num(o, "probability", e.score().probability());
      num(o, "score", e.score().score());
      o.put("tier", e.score().tier().label());
      o.put("converted", e.converted());
      reasons(o.putArray("topReasons"), e.points().topReasons().stream().toList());
      reasons(o.putArray("riskFactors"), e.points().risks().stream().toList());
      e.move().ifPresent(m -> o.put("nextTierMove", m.sentence()));
    }
    num(root, "seconds", r.seconds());
    return root;
  }

  private static void reasons(ArrayNode arr, java.util.List<Reason> reasons) {
    for (Reason x : reasons) {
      ObjectNode o = arr.addObject();
      o.put("feature", x.feature());
      o.put("text", x.text());
      num(o, "percentagePoints", x.contribution());
    }
  }

  static ObjectNode scorer(ScorerMetrics m) {
    ObjectNode o = NODES.objectNode();
    o.put("description", m.description());
    o.put("leads", m.size());
    Interval auc = m.auc();
    if (auc == null) {
      o.putNull("auc");
    } else {
      ObjectNode a = o.putObject("auc");
      num(a, "estimate", auc.estimate());
      num(a, "lower", auc.lower());
      num(a, "upper", auc.upper());
      num(a, "level", auc.level());
    }
    num(o, "averagePrecision", m.averagePrecision());
    num(o, "brier", m.brier());
    num(o, "logLoss", m.logLoss());
    num(o, "ece", m.ece());
    num(o, "meanProbability", m.meanProbability());
    num(o, "conversionRate", m.conversionRate());
    ArrayNode lift = o.putArray("lift");
    for (LiftCapture l : m.lifts()) {
      ObjectNode x = lift.addObject();
      num(x, "topShare", l.topShare());
      x.put("leads", l.leads());
      num(x, "conversions", l.conversions());
      num(x, "conversionRate", l.conversionRate());
      num(x, "capture", l.capture());
      num(x, "lift", l.lift());
    }
    o.set("tiers", tiers(m.tiers()));
    ArrayNode rel = o.putArray("reliability");
    for (ReliabilityTable.Bin b : m.reliability().bins()) {
      ObjectNode x = rel.addObject();
      num(x, "lower", b.lower());
      num(x, "upper", b.upper());
      x.put("leads", b.count());
      num(x, "meanPredicted", b.meanPredicted());
      num(x, "observedRate", b.observedRate());
    }
    return o;
  }

  static ObjectNode tiers(TierTable t) {
    ObjectNode o = NODES.objectNode();
    o.set("cutoffs", cutoffs(t.cutoffs()));
    ArrayNode rows = o.putArray("rows");
    for (TierTable.Row r : t.rows()) {
      ObjectNode x = rows.addObject();
      x.put("tier", r.tier().label());
      x.put("action", r.tier().action());
      x.put("leads", r.leads());
      num(x, "shareOfPipeline", r.shareOfPipeline());
      x.put("conversions", r.conversions());
      num(x, "conversionRate", r.conversionRate());
      num(x, "shareOfConversions", r.shareOfConversions());
      num(x, "cumulativeShareOfConversions", r.cumulativeShareOfConversions());
    }
    return o;
  }

  static ObjectNode cutoffs(TierCutoffs c) {
    ObjectNode o = NODES.objectNode();
    num(o, "hot", c.hot());
    num(o, "warm", c.warm());
    num(o, "nurture", c.nurture());
    return o;
  }

  private static ObjectNode model(TrainedModel m) {
    ObjectNode o = NODES.objectNode();
    o.put("modelId", m.modelId());
    o.put("modelVersion", m.modelVersion());
    o.put("artifactVersion", m.artifactVersion());
    o.put("schemaFingerprint", m.schema().fingerprint());
    num(o, "lambda", m.lambda());
    m.summary().foldScheme().ifPresent(f -> o.put("foldScheme", f.name()));
    ArrayNode warnings = o.putArray("trainingWarnings");
    m.summary().warnings().forEach(warnings::add);
    o.put("calibrator", m.calibrator().getClass().getSimpleName());
    o.set("cutoffs", cutoffs(m.cutoffs()));
    o.put("autoKnots", m.provenance().options().autoKnots());
    o.put("maxPairs", m.provenance().options().maxPairs());
    ArrayNode pairs = o.putArray("pairs");
    ModelChoices.pairs(m).forEach(pairs::add);
    ArrayNode byFold = o.putArray("pairsByFold");
    ModelChoices.pairsByFold(m).forEach(f -> {
      ArrayNode a = byFold.addArray();
      f.forEach(a::add);
    });
    ArrayNode curves = o.putArray("curves");
    for (ModelChoices.Curve c : ModelChoices.curves(m)) {
      ObjectNode x = curves.addObject();
      x.put("feature", c.feature());
      ArrayNode at = x.putArray("at");
      ArrayNode lo = x.putArray("logOdds");
      for (int p = 0; p < c.at().length; p++) {
        at.add(c.at()[p]);
        lo.add(c.logOdds()[p]);
      }
    }
    ArrayNode table = o.putArray("lambdaTable");
    for (TrainingSummary.LambdaScore s : m.summary().crossValidation()) {
      ObjectNode x = table.addObject();
      num(x, "lambda", s.lambda());
      num(x, "logLoss", s.logLoss());
      num(x, "auc", s.auc());
      num(x, "brier", s.brier());
      x.put("iterations", s.iterations());
    }
    return o;
  }

  private static ObjectNode sufficiency(DataSufficiency d) {
    ObjectNode o = NODES.objectNode();
    o.put("verdict", d.verdict().name());
    o.put("positives", d.positives());
    o.put("negatives", d.negatives());
    ArrayNode w = o.putArray("warnings");
    d.warnings().forEach(w::add);
    ArrayNode leak = o.putArray("leakageSuspects");
    for (DataSufficiency.LeakageSuspect s : d.leakageSuspects()) {
      ObjectNode x = leak.addObject();
      x.put("column", s.column());
      num(x, "auc", s.auc());
    }
    return o;
  }

  private static void num(ObjectNode o, String field, double v) {
    if (Double.isNaN(v)) {
      o.putNull(field);
    } else if (Double.isInfinite(v)) {
      o.put(field, v > 0 ? "Infinity" : "-Infinity");
    } else {
      o.put(field, v);
    }
  }
}
