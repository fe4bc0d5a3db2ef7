/**
 * leadscore model: hand-written L2 logistic regression (Newton/IRLS with EJML's Cholesky),
 * cross-validation and lambda selection, back-tests, calibration, metrics, the versioned model
 * artifact, {@code ModelScorer} (the {@code LeadScorer} of a model, which asks the explain module
 * for its reasons), drift monitoring and the file-system model registry. Only these five packages are API;
 * the solver and its machinery are package-private.
 */
module dev.leadscore.model {
  requires transitive dev.leadscore.core;
  // transitive: ModelScorer's public API hands out the explain module's LinearModel and LinearShap.
  requires transitive dev.leadscore.explain;
  // Not transitive: no public type of the model module takes or returns a Jackson type.
  requires com.fasterxml.jackson.databind;
  // EJML's jars carry no module name, so these are the automatic names Java derives from Maven's
  // file names (ejml-ddense-0.46.1.jar -> ejml.ddense). They are stable because Maven always names a
  // dependency artifactId-version.jar; a host that renames the jars must keep that form.
  requires ejml.ddense;
  requires ejml.core;

  exports dev.leadscore.model;
  exports dev.leadscore.model.calibration;
  exports dev.leadscore.model.eval;
  exports dev.leadscore.model.monitor;
  exports dev.leadscore.model.registry;
}
