package dev.leadscore.model.golden;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.io.LeadJson;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.ModelTrainer;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes the frozen golden artifact that {@code FrozenArtifactTest} loads and scores on every
 * build: a model trained by this version ({@code model-v1.json}), the leads it scores
 * ({@code leads.ndjson}) and their scores and reasons to the bit ({@code scores.tsv}). Run once per
 * artifact format by {@code src/test/resources/golden/artifact/make_frozen_artifact.sh}; never
 * re-run to make a failing build pass, since the point is that later versions read and score the
 * old file identically (or the build says why).
 */
public final class FrozenArtifact {
  /** The instant the committed leads are scored at. */
  public static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

  private FrozenArtifact() {}

  /**
   * One line per lead (id, probability and score as IEEE-754 bits in hex, tier, model id and
   * version), then one line per reason of its explanation (feature, contribution bits, text,
   * value); tab-separated. Everything a host sees of a score, exactly.
   */
  public static String scores(TrainedModel model, List<Lead> leads, Instant asOf) {
    ModelScorer scorer = ModelScorer.of(model);
    StringBuilder out = new StringBuilder("# asOf\t").append(asOf).append('\n');
    for (Lead lead : leads) {
      Score s = scorer.score(lead, asOf, Detail.EXPLAINED);
      out.append("lead\t").append(s.leadId()).append('\t').append(bits(s.probability())).append('\t')
          .append(bits(s.score())).append('\t').append(s.tier()).append('\t').append(s.modelId()).append('\t')
          .append(s.modelVersion()).append('\t').append(bits(s.explanation().orElseThrow().baseValue())).append('\n');
      for (Reason r : s.explanation().orElseThrow().contributions()) {
        out.append("reason\t").append(r.feature()).append('\t').append(bits(r.contribution())).append('\t')
            .append(r.text()).append('\t').append(r.value()).append('\n');
      }
    }
    return out.toString();
  }

  private static String bits(double v) {
    return Long.toHexString(Double.doubleToRawLongBits(v)) + " (" + v + ")";
  }

  /**
   * Writes the three files into the directory given as the first argument; with
   * {@code --scores-only} as the second, rewrites only {@code scores.tsv} from the committed
   * artifact and leads (for a deliberate change of what a score shows, such as reason wording or
   * the version a score carries, while the frozen artifact itself stays as it was written).
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    if (args.length > 1 && args[1].equals("--scores-only")) {
      TrainedModel frozen = ModelArtifact.read(Files.readString(dir.resolve("model-v1.json"), StandardCharsets.UTF_8));
      List<Lead> committed = LeadJson.readNdjson(Files.newBufferedReader(dir.resolve("leads.ndjson"), StandardCharsets.UTF_8))
          .leads();
      Files.writeString(dir.resolve("scores.tsv"), scores(frozen, committed, AS_OF), StandardCharsets.UTF_8);
      return;
    }
    SyntheticData history = SyntheticPipeline.builder().size(600).seed(2027).asOf(AS_OF).build().generate();
    TrainedModel model = new ModelTrainer().train(SyntheticPipeline.defaultSchema(), history.leads(), AS_OF,
        TrainingOptions.builder().folds(5).seed(7).createdAt(AS_OF).build());
    List<Lead> leads = SyntheticPipeline.builder().size(100).seed(2028).asOf(AS_OF).build().generate().leads().stream().limit(40)
        .map(LabelledLead::lead).toList();
    Files.writeString(dir.resolve("model-v1.json"), ModelArtifact.write(model), StandardCharsets.UTF_8);
    StringWriter ndjson = new StringWriter();
    LeadJson.writeNdjson(leads, ndjson);
    Files.writeString(dir.resolve("leads.ndjson"), ndjson.toString(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("scores.tsv"), scores(model, leads, AS_OF), StandardCharsets.UTF_8);
  }
}
