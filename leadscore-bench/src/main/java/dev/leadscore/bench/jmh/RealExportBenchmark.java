package dev.leadscore.bench.jmh;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.RowError;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.io.LeadCsvReader;
import dev.leadscore.core.io.ReadResult;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.ModelTrainer;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The single-lead hot paths of {@link SingleLeadBenchmark} on a real CRM export instead of the
 * synthetic pipeline: the X Education lead-scoring export ({@code Leads.csv}, 9,240 leads, see
 * {@code ../shared/data/xeducation-leads/SOURCE.md}) with the committed pre-contact schema
 * {@code leadscore-bench/examples/xeducation-schema.json} (packaged into the jar next to this
 * class). The data's licence is unclear, so it is not in the repository: give its path at run
 * time with {@code -p data=/path/to/Leads.csv} ({@code run-benchmarks.sh} does so when it finds
 * the file, and skips this benchmark otherwise).
 *
 * <p>Setup reads the CSV as the {@code evaluate} / {@code train} commands do ({@link
 * LeadCsvReader} with id column {@code Prospect ID}, label column {@code Converted} positive
 * {@code 1}, every other column text), trains with {@link ModelTrainer} and the default options
 * (one thread) on the first 80 % of the rows in file order, and keeps {@value Fixtures#POOL}
 * leads of the remaining 20 % (not seen in training) to cycle through. The schema has no event
 * features, so features are extracted at the epoch, as the command line does without
 * {@code --as-of}.
 * <ul>
 *   <li>{@code extract}: {@code FittedSchema.extract} of one raw lead into a per-thread buffer;</li>
 *   <li>{@code bareScore}: a prebuilt raw feature vector to score and tier through
 *       {@code TrainedModel} - no extraction;</li>
 *   <li>{@code scoreOnly}: {@code ModelScorer.score(lead, asOf, SCORE_ONLY)} from the raw lead;</li>
 *   <li>{@code scoreExplained}: the same with {@code EXPLAINED}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(2)
public class RealExportBenchmark {
  /** The committed schema, packaged from {@code leadscore-bench/examples} (see the module's pom). */
  static final String SCHEMA_RESOURCE = "xeducation-schema.json";
  static final String ID_COLUMN = "Prospect ID";
  static final String LABEL_COLUMN = "Converted";
  static final String POSITIVE = "1";
  /** Share of the rows, in file order, the model is trained on. */
  static final double TRAIN_SHARE = 0.8;

  /** The trained model, its scorer and the lead pool, shared by all threads (read-only). */
  @State(Scope.Benchmark)
  public static class Data {
    /** Path to the X Education {@code Leads.csv}; required. */
    @Param("")
    public String data;

    TrainedModel model;
    FittedSchema schema;
    ModelScorer scorer;
    Instant asOf;
    /** {@value Fixtures#POOL} leads from the held-out 20 %. */
    Lead[] leads;
    /** Their raw feature vectors, extracted once. */
    double[][] rows;

    @Setup
    public void setUp() {
      Path csv = csvPath(data);
      FeatureSchema declared = committedSchema();
      if (!declared.eventTypes().isEmpty()) {
        throw new IllegalStateException("the schema has event features " + declared.eventTypes()
            + "; this benchmark assumes none (the export has no event log), as the epoch is used as asOf");
      }
      // As LeadInput.asOf without --as-of: nothing depends on the instant when there are no event features.
      asOf = Instant.EPOCH;
      ReadResult read;
      try {
        read = LeadCsvReader.builder().idColumn(ID_COLUMN).delimiter(',').labelColumn(LABEL_COLUMN, POSITIVE)
            .build().read(csv);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
      }
      List<LabelledLead> all = read.labelled();
      int train = (int) Math.round(all.size() * TRAIN_SHARE);
      if (train < 1 || train >= all.size()) {
        throw new IllegalStateException(csv + " has " + all.size() + " usable leads: too few to split 80/20");
      }
      List<LabelledLead> training = all.subList(0, train);
      List<LabelledLead> fresh = all.subList(train, all.size());
      model = new ModelTrainer().train(declared, training, asOf, TrainingOptions.builder().threads(1).build());
      schema = model.schema();
      scorer = ModelScorer.of(model);
      leads = new Lead[Fixtures.POOL];
      rows = new double[Fixtures.POOL][];
      for (int i = 0; i < Fixtures.POOL; i++) {
        leads[i] = fresh.get(i % fresh.size()).lead();
        rows[i] = schema.extract(leads[i], asOf);
      }
      System.err.printf(Locale.ROOT, "RealExportBenchmark: %s: %d leads read (%d rows, %d errors), %d columns"
              + " (schema %s), %d training rows, pool %d of %d held-out leads%s%n",
          csv, all.size(), read.rowsRead(), read.errors().size(), schema.width(), declared.name(), training.size(),
          Fixtures.POOL, fresh.size(), fresh.size() < Fixtures.POOL ? " (cycled)" : "");
      if (!read.errors().isEmpty()) {
        RowError first = read.errors().get(0);
        System.err.println("RealExportBenchmark: first read error: " + first.message());
      }
    }
  }

  /**
   * The export's path, checked.
   *
   * @throws IllegalArgumentException when it is not given or no file is there
   */
  static Path csvPath(String data) {
    if (data == null || data.isBlank()) {
      throw new IllegalArgumentException("RealExportBenchmark needs the X Education export, which is not in the"
          + " repository: pass -p data=/path/to/Leads.csv (see ../shared/data/xeducation-leads/SOURCE.md)");
    }
    Path csv = Path.of(data);
    if (!Files.isRegularFile(csv)) {
      throw new IllegalArgumentException("RealExportBenchmark: no file at " + csv.toAbsolutePath()
          + ": pass -p data=/path/to/Leads.csv (the X Education export)");
    }
    return csv;
  }

  /** The committed X Education pre-contact schema, from the classpath. */
  static FeatureSchema committedSchema() {
    try (InputStream in = RealExportBenchmark.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the classpath next to "
            + RealExportBenchmark.class.getName() + " (it is packaged from leadscore-bench/examples)");
      }
      return FeatureSchema.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each thread's output buffer and position in the pool. */
  @State(Scope.Thread)
  public static class Cursor {
    double[] buffer;
    int next;

    @Setup
    public void setUp(Data d) {
      buffer = new double[d.schema.width()];
    }
  }

  /** Extract one lead's feature vector into the thread's buffer. */
  @Benchmark
  public double[] extract(Data d, Cursor c) {
    Lead lead = d.leads[c.next++ & Fixtures.MASK];
    d.schema.extract(lead, d.asOf, c.buffer);
    return c.buffer;
  }

  @Benchmark
  public Tier bareScore(Data d, Cursor c) {
    double[] x = d.rows[c.next++ & Fixtures.MASK];
    return d.scorer.tierOf(x);
  }

  @Benchmark
  public Score scoreOnly(Data d, Cursor c) {
    Lead lead = d.leads[c.next++ & Fixtures.MASK];
    return d.scorer.score(lead, d.asOf, Detail.SCORE_ONLY);
  }

  @Benchmark
  public Score scoreExplained(Data d, Cursor c) {
    Lead lead = d.leads[c.next++ & Fixtures.MASK];
    return d.scorer.score(lead, d.asOf, Detail.EXPLAINED);
  }

  /**
   * {@code EXPLAINED} with the short lists' sentences read, as a CRM export reads them: the
   * sentences are rendered when first read, so this is the whole cost of an explanation shown.
   */
  @Benchmark
  public int scoreExplainedRead(Data d, Cursor c) {
    Lead lead = d.leads[c.next++ & Fixtures.MASK];
    return Fixtures.readShortLists(d.scorer.score(lead, d.asOf, Detail.EXPLAINED).explanation().orElseThrow());
  }
}
