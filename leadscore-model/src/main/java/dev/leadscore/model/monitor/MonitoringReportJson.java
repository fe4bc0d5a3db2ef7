package dev.leadscore.model.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.RowError;
import dev.leadscore.model.monitor.Health.Status;
import dev.leadscore.model.monitor.MonitoringReport.Bin;
import dev.leadscore.model.monitor.MonitoringReport.FeatureDrift;
import dev.leadscore.model.monitor.MonitoringReport.MissingRateChange;
import dev.leadscore.model.monitor.MonitoringReport.OutcomeDrift;
import dev.leadscore.model.monitor.MonitoringReport.OutcomeRow;
import dev.leadscore.model.monitor.MonitoringReport.ScoreDrift;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON form of a {@link MonitoringReport} (format {@value MonitoringReport#FORMAT}): every
 * field written explicitly, and read back strictly through {@link ReportJson}, checking that the
 * counts add up, into an equal report.
 *
 * <p>Stateless and thread-safe.
 */
final class MonitoringReportJson {
  private MonitoringReportJson() {}

  /** The report as pretty-printed JSON ({@code \n} line ends, ending in a newline). */
  static String write(MonitoringReport report) {
    ObjectNode root = ReportJson.NODES.objectNode();
    root.put("format", MonitoringReport.FORMAT);
    root.put("formatVersion", MonitoringReport.FORMAT_VERSION);
    root.put("modelId", report.modelId());
    root.put("modelVersion", report.modelVersion());
    root.put("schemaFingerprint", report.schemaFingerprint());
    root.put("asOf", report.asOf().toString());
    ObjectNode rows = root.putObject("rows");
    rows.put("in", report.rowsIn());
    rows.put("used", report.rowsUsed());
    rows.put("reported", report.errors().size());
    Health verdict = report.verdict();
    ObjectNode v = root.putObject("verdict");
    v.put("status", verdict.status().name());
    ArrayNode reasons = v.putArray("reasons");
    verdict.reasons().forEach(reasons::add);
    ArrayNode errs = root.putArray("errors");
    for (RowError e : report.errors()) {
      ObjectNode o = errs.addObject();
      o.put("row", e.row());
      o.put("leadId", e.leadId());
      o.put("field", e.field());
      o.put("message", e.message());
    }
    ArrayNode fs = root.putArray("features");
    for (FeatureDrift f : report.features()) {
      ObjectNode o = fs.addObject();
      o.put("feature", f.feature());
      o.put("kind", f.kind().name());
      o.put("psi", f.psi());
      o.put("chiSquare", f.chiSquare());
      o.put("degreesOfFreedom", f.degreesOfFreedom());
      o.put("status", f.status().name());
      o.set("bins", bins(f.bins()));
      if (f.missingRate().isPresent()) {
        MissingRateChange m = f.missingRate().get();
        ObjectNode mo = o.putObject("missingRate");
        mo.put("reference", m.reference());
        mo.put("current", m.current());
        mo.put("z", m.z());
        mo.put("status", m.status().name());
      }
    }
    ScoreDrift score = report.score().orElse(null);
    if (score != null) {
      ObjectNode s = root.putObject("score");
      s.put("psi", score.psi());
      s.put("chiSquare", score.chiSquare());
      s.put("status", score.status().name());
      s.set("histogram", bins(score.histogram()));
      s.put("tierPsi", score.tierPsi());
      s.put("tierChiSquare", score.tierChiSquare());
      s.put("tierStatus", score.tierStatus().name());
      s.set("tiers", bins(score.tiers()));
      s.put("referenceMeanProbability", score.referenceMeanProbability());
      s.put("meanProbability", score.meanProbability());
      s.put("referenceShareHigh", score.referenceShareHigh());
      s.put("shareHigh", score.shareHigh());
      s.put("referenceShareLow", score.referenceShareLow());
      s.put("shareLow", score.shareLow());
      ArrayNode flags = s.putArray("flags");
      score.flags().forEach(fl -> flags.add(fl.name()));
    }
    OutcomeDrift outcomes = report.outcomes().orElse(null);
    if (outcomes != null) {
      ObjectNode o = root.putObject("outcomes");
      o.set("overall", outcomeRow(outcomes.overall()));
      ArrayNode t = o.putArray("tiers");
      outcomes.tiers().forEach(r -> t.add(outcomeRow(r)));
      o.put("calibrationError", outcomes.calibrationError());
      o.put("referenceCalibrationError", outcomes.referenceCalibrationError());
      o.put("calibrationStatus", outcomes.calibrationStatus().name());
    }
    return ReportJson.pretty(root);
  }

  private static ArrayNode bins(List<Bin> bins) {
    ArrayNode a = ReportJson.NODES.arrayNode();
    for (Bin b : bins) {
      ObjectNode o = a.addObject();
      o.put("label", b.label());
      o.put("reference", b.reference());
      o.put("current", b.current());
    }
    return a;
  }

  private static ObjectNode outcomeRow(OutcomeRow r) {
    ObjectNode o = ReportJson.NODES.objectNode();
    o.put("group", r.group());
    o.put("leads", r.leads());
    o.put("conversions", r.conversions());
    o.put("predictedRate", r.predictedRate());
    o.put("actualRate", r.actualRate());
    o.put("relativeGap", r.relativeGap());
    o.put("z", r.z());
    o.put("status", r.status().name());
    return o;
  }

  /** Reads a report written by {@link #write}; see {@link MonitoringReport#fromJson} for what is refused. */
  static MonitoringReport read(String json) {
    Objects.requireNonNull(json, "json");
    ReportJson r = new ReportJson();
    JsonNode root = r.parse(json);
    String format = r.text(root, "format", "");
    if (!MonitoringReport.FORMAT.equals(format)) {
      throw r.error("format", "must be \"" + MonitoringReport.FORMAT + "\", got \"" + format + "\"");
    }
    int version = r.integer(root, "formatVersion", "");
    if (version != MonitoringReport.FORMAT_VERSION) {
      throw r.error("formatVersion", "must be " + MonitoringReport.FORMAT_VERSION + " (the version this library reads), got " + version);
    }
    r.only(root, "", "format", "formatVersion", "modelId", "modelVersion", "schemaFingerprint", "asOf", "rows",
        "verdict", "errors", "features", "score", "outcomes");
    JsonNode rows = r.object(root, "rows", "");
    r.only(rows, "rows", "in", "used", "reported");
    int rowsIn = r.integer(rows, "in", "rows");
    int rowsUsed = r.integer(rows, "used", "rows");
    int reported = r.integer(rows, "reported", "rows");

    JsonNode v = r.object(root, "verdict", "");
    r.only(v, "verdict", "status", "reasons");
    Status verdictStatus = r.status(v, "status", "verdict");
    List<String> reasons = new ArrayList<>();
    JsonNode reasonArray = r.array(v, "reasons", "verdict");
    for (int i = 0; i < reasonArray.size(); i++) {
      reasons.add(r.text(reasonArray.get(i), "verdict.reasons[" + i + "]"));
    }

    List<RowError> errors = new ArrayList<>();
    JsonNode errArray = r.array(root, "errors", "");
    for (int i = 0; i < errArray.size(); i++) {
      String p = "errors[" + i + "]";
      JsonNode e = r.object(errArray.get(i), p);
      r.only(e, p, "row", "leadId", "field", "message");
      errors.add(new RowError(r.longInteger(e, "row", p), r.optionalText(e, "leadId", p),
          r.optionalText(e, "field", p), r.text(e, "message", p)));
    }
    if (reported != errors.size()) {
      throw r.error("rows.reported", "must equal the number of errors listed (" + errors.size() + "), got " + reported);
    }
    if (rowsIn != rowsUsed + reported) {
      throw r.error("rows", "in (" + rowsIn + ") must equal used (" + rowsUsed + ") + reported (" + reported + ")");
    }

    List<FeatureDrift> features = new ArrayList<>();
    JsonNode fa = r.array(root, "features", "");
    for (int i = 0; i < fa.size(); i++) {
      String p = "features[" + i + "]";
      JsonNode f = r.object(fa.get(i), p);
      r.only(f, p, "feature", "kind", "psi", "chiSquare", "degreesOfFreedom", "status", "bins", "missingRate");
      Optional<MissingRateChange> missing = Optional.empty();
      if (f.has("missingRate")) {
        String mp = p + ".missingRate";
        JsonNode m = r.object(f, "missingRate", p);
        r.only(m, mp, "reference", "current", "z", "status");
        missing = Optional.of(r.build(mp, () -> new MissingRateChange(r.number(m, "reference", mp),
            r.number(m, "current", mp), r.number(m, "z", mp), r.status(m, "status", mp))));
      }
      Optional<MissingRateChange> mr = missing;
      features.add(r.build(p, () -> new FeatureDrift(r.text(f, "feature", p),
          r.enumValue(FeatureDrift.Kind.class, f, "kind", p), r.number(f, "psi", p), r.number(f, "chiSquare", p),
          r.integer(f, "degreesOfFreedom", p), r.status(f, "status", p), readBins(r, f, "bins", p), mr)));
    }

    ScoreDrift score = null;
    if (root.has("score")) {
      String p = "score";
      JsonNode s = r.object(root, "score", "");
      r.only(s, p, "psi", "chiSquare", "status", "histogram", "tierPsi", "tierChiSquare", "tierStatus", "tiers",
          "referenceMeanProbability",
          "meanProbability", "referenceShareHigh", "shareHigh", "referenceShareLow", "shareLow", "flags");
      List<ScoreDrift.Flag> flags = new ArrayList<>();
      JsonNode fl = r.array(s, "flags", p);
      for (int i = 0; i < fl.size(); i++) {
        flags.add(r.enumValue(ScoreDrift.Flag.class, r.text(fl.get(i), p + ".flags[" + i + "]"), p + ".flags[" + i + "]"));
      }
      score = r.build(p, () -> new ScoreDrift(r.number(s, "psi", p), r.number(s, "chiSquare", p),
          r.status(s, "status", p), readBins(r, s, "histogram", p), r.number(s, "tierPsi", p),
          r.number(s, "tierChiSquare", p), r.status(s, "tierStatus", p),
          readBins(r, s, "tiers", p), r.number(s, "referenceMeanProbability", p), r.number(s, "meanProbability", p),
          r.number(s, "referenceShareHigh", p), r.number(s, "shareHigh", p), r.number(s, "referenceShareLow", p),
          r.number(s, "shareLow", p), flags));
    }

    OutcomeDrift outcomes = null;
    if (root.has("outcomes")) {
      String p = "outcomes";
      JsonNode o = r.object(root, "outcomes", "");
      r.only(o, p, "overall", "tiers", "calibrationError", "referenceCalibrationError", "calibrationStatus");
      OutcomeRow overall = readOutcome(r, r.object(o, "overall", p), p + ".overall");
      List<OutcomeRow> tiers = new ArrayList<>();
      JsonNode ta = r.array(o, "tiers", p);
      for (int i = 0; i < ta.size(); i++) {
        String tp = p + ".tiers[" + i + "]";
        tiers.add(readOutcome(r, r.object(ta.get(i), tp), tp));
      }
      outcomes = r.build(p, () -> new OutcomeDrift(overall, tiers, r.number(o, "calibrationError", p),
          r.number(o, "referenceCalibrationError", p), r.status(o, "calibrationStatus", p)));
    }

    ScoreDrift sd = score;
    OutcomeDrift od = outcomes;
    return r.build("", () -> new MonitoringReport(r.text(root, "modelId", ""), r.text(root, "modelVersion", ""),
        r.text(root, "schemaFingerprint", ""), r.instant(root, "asOf", ""), rowsIn, rowsUsed, errors, features, sd, od,
        new Health(verdictStatus, reasons)));
  }

  private static List<Bin> readBins(ReportJson r, JsonNode parent, String field, String path) {
    List<Bin> bins = new ArrayList<>();
    JsonNode a = r.array(parent, field, path);
    for (int i = 0; i < a.size(); i++) {
      String p = ReportJson.join(path, field) + "[" + i + "]";
      JsonNode b = r.object(a.get(i), p);
      r.only(b, p, "label", "reference", "current");
      bins.add(r.build(p, () -> new Bin(r.text(b, "label", p), r.number(b, "reference", p), r.number(b, "current", p))));
    }
    return bins;
  }

  private static OutcomeRow readOutcome(ReportJson r, JsonNode o, String p) {
    r.only(o, p, "group", "leads", "conversions", "predictedRate", "actualRate", "relativeGap", "z", "status");
    return r.build(p, () -> new OutcomeRow(r.text(o, "group", p), r.integer(o, "leads", p),
        r.integer(o, "conversions", p), r.number(o, "predictedRate", p), r.number(o, "actualRate", p),
        r.number(o, "relativeGap", p), r.number(o, "z", p), r.status(o, "status", p)));
  }
}
