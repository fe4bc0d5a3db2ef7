/**
 * Training, evaluating and saving the predictive lead-scoring model.
 *
 * <p>{@link dev.leadscore.model.ModelTrainer} fits cross-validated, calibrated L2 logistic
 * regression on labelled leads with a {@link dev.leadscore.core.schema.FeatureSchema} and returns a
 * {@link dev.leadscore.model.TrainedModel}, which computes its logit without allocating and carries
 * its training summary and provenance. {@link
 * dev.leadscore.model.ModelScorer} is the {@link dev.leadscore.core.LeadScorer} of a model: the one
 * scoring path (logit, calibrated probability, 0–100 score, tier), with exact reasons from {@code
 * leadscore-explain}. {@link
 * dev.leadscore.model.BackTest} evaluates out of time. {@link dev.leadscore.model.ModelArtifact}
 * saves a model as one versioned, checksummed JSON document and loads it back bit-exactly. Each
 * model carries a {@link dev.leadscore.model.TrainingReference} (training distributions and
 * out-of-fold scores) for drift monitoring with {@link dev.leadscore.model.monitor.Monitor}; {@link
 * dev.leadscore.model.registry.ModelRegistry} keeps versions on disk with promotion and rollback.
 *
 * <pre>{@code
 * TrainedModel model = new ModelTrainer().train(schema, leads, asOf, TrainingOptions.defaults());
 * LeadScorer scorer = ModelScorer.of(model);
 * Score score = scorer.score(lead, asOf);   // probability, 0-100 score, tier, reasons
 * String json = ModelArtifact.write(model); // ModelArtifact.read(json) scores identically
 * }</pre>
 *
 * <p><b>Penalty scale.</b> Training minimises {@code sum_i logloss_i + (lambda / 2) ||w||^2} over
 * the model columns, intercept not penalised. Numeric columns (values, basis terms, interaction
 * products) are standardised with the training mean and population standard deviation, as
 * scikit-learn's {@code StandardScaler}; indicator columns (one-hot levels, booleans, missing flags,
 * bins) keep their 0/1 scale (only centred), so a level seen on two leads is penalised like a
 * common one instead of about {@code 1 / share} more weakly. With {@code lambda = 1 / C} this is
 * scikit-learn's {@code ColumnTransformer(StandardScaler on numerics, OneHotEncoder on
 * categoricals)} + {@code LogisticRegression(C)}, coefficient for coefficient ({@code
 * IndicatorScaleParityTest}, X Education, to 1e-6).
 *
 * <p>The solver, standardisation, folds and artifact plumbing are package-private. Every public
 * type is immutable and thread-safe except the builders.
 */
package dev.leadscore.model;
