package dev.leadscore.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.internal.CanonicalJson;
import dev.leadscore.core.internal.Sha256;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Trained models and artifacts shared by the monitor and registry tests (public so that tests in
 * other packages can use it), trained once per JVM on the 800-lead synthetic pipeline (seed 42)
 * with quick options.
 */
public final class TestModels {
  private TestModels() {}

  /** The training data: 800 leads, seed 42, conversion rate 0.25. */
  public static final SyntheticData DATA = SyntheticPipeline.builder().size(800).seed(42).build().generate();
  /** The declared schema the models are trained with. */
  public static final FeatureSchema SCHEMA = SyntheticPipeline.defaultSchema();

  private static final Map<String, TrainedModel> MODELS = new ConcurrentHashMap<>();

  /** Quick options: three lambdas, three folds, two threads, a fixed creation time. */
  public static TrainingOptions.Builder quick() {
    return TrainingOptions.builder().lambdas(1.0, 30.0, 300.0).folds(3).threads(2)
        .createdAt(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** A calibrated model with the given model version (cached). */
  public static TrainedModel model(String modelVersion) {
    return MODELS.computeIfAbsent(modelVersion, v -> new ModelTrainer().train(SCHEMA, DATA.leads(), DATA.asOf(),
        quick().modelVersion(v).build()));
  }

  /** A model trained with the options (not cached). */
  public static TrainedModel train(TrainingOptions options) {
    return new ModelTrainer().train(SCHEMA, DATA.leads(), DATA.asOf(), options);
  }

  /** The artifact as an older version of the library wrote it: no {@code monitoring} field, re-signed. */
  public static String withoutMonitoring(String artifactJson) {
    return edited(artifactJson, root -> root.remove("monitoring"));
  }

  /** The artifact edited and re-signed with a valid checksum, so the checks behind the checksum are reached. */
  public static String edited(String artifactJson, Consumer<ObjectNode> edit) {
    try {
      ObjectNode root = (ObjectNode) new ObjectMapper().readTree(artifactJson);
      edit.accept(root);
      root.remove("checksum");
      root.put("checksum", Sha256.labelled(CanonicalJson.write(root, CanonicalJson.Form.TYPED)));
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
