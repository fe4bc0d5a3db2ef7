package dev.leadscore.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.TierPolicy;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FittedSchema;

/**
 * Writes the content of a {@link ModelArtifact}: the JSON tree of a {@link TrainedModel}, every
 * field mapped explicitly, without the checksum (which {@link ModelArtifact#write} adds). The
 * format is described on {@link ModelArtifact}; {@link ArtifactReader} is the inverse.
 *
 * <p>Stateless and thread-safe.
 */
final class ArtifactWriter {
  private ArtifactWriter() {}

  /** The artifact's content: every field but the checksum, in the documented order. */
  static ObjectNode content(TrainedModel m) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("format", ModelArtifact.FORMAT);
    root.put("formatVersion", ModelArtifact.FORMAT_VERSION);
    root.put("modelId", m.modelId());
    root.put("modelVersion", m.modelVersion());
    root.put("createdAt", m.createdAt().toString());
    FittedSchema schema = m.schema();
    root.put("schemaFingerprint", schema.fingerprint());
    root.set("schema", ModelArtifact.parse(schema.toJson(), "the fitted schema's JSON"));
    ArrayNode columns = root.putArray("columns");
    for (Column c : schema.columns()) {
      columns.add(c.name());
    }
    ObjectNode st = root.putObject("standardisation");
    st.set("mean", Json.array(m.means(), "standardisation.mean"));
    st.set("scale", Json.array(m.scales(), "standardisation.scale"));

    ObjectNode model = root.putObject("model");
    Json.put(model, "lambda", m.lambda(), "model");
    Json.put(model, "intercept", m.intercept(), "model");
    model.set("weights", Json.array(m.weights(), "model.weights"));
    Json.put(model, "rawIntercept", m.rawIntercept(), "model");
    model.set("rawWeights", Json.array(m.rawWeights(), "model.rawWeights"));
    ArrayNode cov = model.putArray("covariance");
    double[] c = m.covariance();
    int dim = m.width() + 1;
    for (int r = 0; r < dim; r++) {
      double[] row = new double[dim];
      System.arraycopy(c, r * dim, row, 0, dim);
      cov.add(Json.array(row, "model.covariance[" + r + "]"));
    }
    root.set("calibrator", CalibratorJson.write(m.calibrator()));
    ObjectNode cut = root.putObject("tierCutoffs");
    writeCutoffs(cut, m.cutoffs());
    root.set("background", background(m.background()));
    root.set("training", summary(m.summary()));
    root.set("provenance", provenance(m.provenance()));
    m.monitoringReference().ifPresent(r -> root.set("monitoring", MonitoringJson.write(r)));
    if (!m.policy().isEmpty()) { // written only when there is one, so artifacts without keep their bytes
      ArrayNode policy = root.putArray("policy");
      for (dev.leadscore.core.Disqualifier d : m.policy().disqualifiers()) {
        ObjectNode o = policy.addObject();
        d.fields().forEach(o::put);
      }
    }
    return root;
  }

  private static void writeCutoffs(ObjectNode o, TierCutoffs c) {
    Json.putCutoff(o, "hot", c.hot());
    Json.putCutoff(o, "warm", c.warm());
    Json.putCutoff(o, "nurture", c.nurture());
  }

  private static ObjectNode background(BackgroundStats b) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("rows", b.rows());
    o.set("columnMeans", Json.array(b.columnMeans(), "background.columnMeans"));
    ArrayNode list = o.putArray("interactions");
    for (BackgroundStats.InteractionMoments im : b.interactions()) {
      ObjectNode e = list.addObject();
      e.put("column", im.column());
      e.put("columnIndex", im.columnIndex());
      e.put("left", im.left());
      e.put("leftIndex", im.leftIndex());
      e.put("right", im.right());
      e.put("rightIndex", im.rightIndex());
      Json.put(e, "meanProduct", im.meanProduct(), "background.interactions");
      Json.put(e, "meanLeft", im.meanLeft(), "background.interactions");
      Json.put(e, "meanRight", im.meanRight(), "background.interactions");
    }
    return o;
  }

  private static ObjectNode summary(TrainingSummary s) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("rows", s.rows());
    o.put("positives", s.positives());
    o.put("folds", s.folds());
    o.put("selectionMetric", s.selectionMetric().name());
    Json.put(o, "chosenLambda", s.chosenLambda(), "training");
    o.put("iterations", s.iterations());
    Json.put(o, "maxGradient", s.maxGradient(), "training");
    Json.put(o, "oofAuc", s.oofAuc(), "training");
    Json.put(o, "oofLogLoss", s.oofLogLoss(), "training");
    Json.put(o, "oofBrier", s.oofBrier(), "training");
    ArrayNode cv = o.putArray("crossValidation");
    for (TrainingSummary.LambdaScore ls : s.crossValidation()) {
      ObjectNode e = cv.addObject();
      Json.put(e, "lambda", ls.lambda(), "training.crossValidation");
      Json.put(e, "logLoss", ls.logLoss(), "training.crossValidation");
      Json.put(e, "auc", ls.auc(), "training.crossValidation");
      Json.put(e, "brier", ls.brier(), "training.crossValidation");
      e.put("iterations", ls.iterations());
    }
    return o;
  }

  private static ObjectNode provenance(Provenance p) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("libraryVersion", p.libraryVersion());
    o.put("dataSha256", p.dataSha256());
    o.put("javaVersion", p.javaVersion());
    o.put("osArch", p.osArch());
    o.put("createdAt", p.createdAt().toString());
    o.set("options", options(p.options()));
    return o;
  }

  private static ObjectNode options(TrainingOptions t) {
    ObjectNode o = Json.NODES.objectNode();
    o.set("lambdas", Json.array(t.lambdas(), "options.lambdas"));
    o.put("folds", t.folds());
    o.put("seed", t.seed());
    o.put("selectionMetric", t.selectionMetric().name());
    o.put("calibration", t.calibration().name());
    ObjectNode cw = o.putObject("classWeights");
    ClassWeights w = t.classWeights();
    if (w instanceof ClassWeights.Explicit e) {
      cw.put("kind", "explicit");
      Json.put(cw, "converted", e.converted(), "options.classWeights");
      Json.put(cw, "notConverted", e.notConverted(), "options.classWeights");
    } else {
      cw.put("kind", w instanceof ClassWeights.Balanced ? "balanced" : "none");
    }
    ObjectNode tp = o.putObject("tierPolicy");
    TierPolicy policy = t.tierPolicy();
    if (policy instanceof TierPolicy.Fixed f) {
      tp.put("kind", "fixed");
      writeCutoffs(tp, f.cutoffs());
    } else if (policy instanceof TierPolicy.TargetShares s) {
      tp.put("kind", "shares");
      Json.put(tp, "hot", s.hot(), "options.tierPolicy");
      Json.put(tp, "warm", s.warm(), "options.tierPolicy");
      Json.put(tp, "nurture", s.nurture(), "options.tierPolicy");
    } else if (policy instanceof TierPolicy.TargetPrecision s) {
      tp.put("kind", "precision");
      Json.put(tp, "hot", s.hot(), "options.tierPolicy");
      Json.put(tp, "warm", s.warm(), "options.tierPolicy");
      Json.put(tp, "nurture", s.nurture(), "options.tierPolicy");
    } else {
      throw new IllegalStateException("unhandled tier policy " + policy);
    }
    o.put("maxIterations", t.maxIterations());
    Json.put(o, "tolerance", t.tolerance(), "options");
    t.modelId().ifPresent(id -> o.put("modelId", id));
    o.put("modelVersion", t.modelVersion());
    t.createdAt().ifPresent(at -> o.put("createdAt", at.toString()));
    o.put("autoKnots", t.autoKnots());
    o.put("maxPairs", t.maxPairs());
    // so that retraining from provenance validates lambda the same way
    o.put("foldScheme", t.foldScheme().name());
    return o;
  }
}
