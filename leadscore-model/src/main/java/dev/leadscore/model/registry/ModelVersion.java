package dev.leadscore.model.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * One saved, immutable model version in a {@link ModelRegistry}, with the metrics its artifact's
 * training summary records and whether it is the active version.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param id the version id, {@code v<sequence, 6+ digits>-<first 12 hex digits of the file's
 *     SHA-256>}, e.g. {@code v000003-4f1c0a9e2b7d}; also the stem of its file name
 * @param sequence the save order, from 1, never reused in a registry
 * @param sha256 the SHA-256 of the version file's bytes, 64 lowercase hex digits
 * @param fileName the file's name in the registry directory ({@code <id>.model.json})
 * @param modelId the artifact's model id
 * @param modelVersion the artifact's declared model version
 * @param artifactVersion the version every score of this model carries (the declared version, a
 *     '+' and a digest of the artifact's content; see {@code TrainedModel.artifactVersion()})
 * @param createdAt the artifact's creation time
 * @param schemaFingerprint the artifact's fitted-schema fingerprint
 * @param declaredSchemaFingerprint the fingerprint of the declared feature schema the model was
 *     fitted from (what a host's {@code FeatureSchema.fingerprint()} is compared with)
 * @param rows training rows
 * @param positives converted training rows
 * @param oofAuc out-of-fold ROC AUC of the calibrated model
 * @param oofLogLoss out-of-fold log loss
 * @param oofBrier out-of-fold Brier score
 * @param lambda the chosen L2 penalty
 * @param monitored whether the artifact carries a monitoring reference
 * @param active whether this is the registry's active version at the time it was listed
 */
public record ModelVersion(String id, int sequence, String sha256, String fileName, String modelId,
    String modelVersion, String artifactVersion, Instant createdAt, String schemaFingerprint, String declaredSchemaFingerprint, int rows,
    int positives, double oofAuc, double oofLogLoss, double oofBrier, double lambda, boolean monitored,
    boolean active) {
  /** @throws NullPointerException if a text or the creation time is null */
  public ModelVersion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(artifactVersion, "artifactVersion");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(schemaFingerprint, "schemaFingerprint");
    Objects.requireNonNull(declaredSchemaFingerprint, "declaredSchemaFingerprint");
  }
}
