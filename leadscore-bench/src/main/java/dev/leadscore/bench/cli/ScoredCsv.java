package dev.leadscore.bench.cli;

import dev.leadscore.core.BatchResult;
import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Reason;
import dev.leadscore.core.RowError;
import dev.leadscore.core.Score;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.Move;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The scored CSV: one row per scored lead, in input order, ready for a CRM import. Columns:
 *
 * <ul>
 *   <li>{@code lead_id}; {@code probability} (calibrated, 4 decimals); {@code score} (0–100 as a
 *       whole number, rounded as the HTML report shows it); {@code tier}; {@code action};
 *   <li>{@code reason_1..3}: the largest contributions that raise the score, and {@code
 *       risk_1..3}: the largest that lower it, each as its text with the points it moves the
 *       lead's probability, e.g. {@code "Requested a demo (2 requests in the last 90 days) (+14.2
 *       pts)"}; empty when there are fewer;
 *   <li>{@code reasons}: the same reasons and risks in one cell, joined by {@code " | "};
 *   <li>{@code model_id}, {@code model_version}: the model that scored the row; {@code as_of}: the
 *       instant the features were computed at (empty when the model has no time-dependent
 *       features and none was given);
 *   <li>{@code next_move} when asked: the smallest single change that lifts the lead a tier.
 * </ul>
 *
 * <p>Rows that could not be read or scored are not here; the command lists them in its errors
 * file. Stateless; a {@link Rows} writer is one per file.
 */
public final class ScoredCsv {
  /** The header without {@code next_move}. */
  public static final List<String> HEADER = List.of("lead_id", "probability", "score", "tier", "action", "reason_1",
      "reason_2", "reason_3", "risk_1", "risk_2", "risk_3", "reasons", "model_id", "model_version", "as_of");

  /** How many reasons and how many risks get a column each. */
  static final int SHOWN = 3;

  private ScoredCsv() {}

  /**
   * Scores and writes a list of leads. Leads that cannot be scored are not written; they are in
   * the result's errors with their 0-based index.
   *
   * @param asOf the instant features are computed at
   */
  public static BatchResult write(ModelScorer scorer, List<Lead> leads, Instant asOf, Path out, boolean moves)
      throws IOException {
    List<Score> scores = new ArrayList<>(leads.size());
    List<RowError> errors = new ArrayList<>();
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      Rows rows = new Rows(scorer, asOf, asOf.toString(), moves, w);
      for (int i = 0; i < leads.size(); i++) {
        Lead lead = leads.get(i);
        try {
          scores.add(rows.score(lead));
        } catch (LeadDataException e) {
          errors.add(new RowError(i, lead.id(), e.field(), e.getMessage()));
        }
      }
    }
    return new BatchResult(scores, errors);
  }

  /** Scores leads one at a time and writes their rows; the header is written first. Not thread-safe. */
  static final class Rows {
    private final ModelScorer scorer;
    private final Instant asOf;
    private final boolean moves;
    private final Writer out;
    private final String modelId;
    private final String modelVersion;
    private final String asOfText;
    private final StringBuilder line = new StringBuilder(1024);
    private final StringBuilder joined = new StringBuilder(512);

    /**
     * @param asOfText the {@code as_of} cell, empty when the scores do not depend on the instant
     */
    Rows(ModelScorer scorer, Instant asOf, String asOfText, boolean moves, Writer out) throws IOException {
      this.scorer = scorer;
      this.asOf = asOf;
      this.moves = moves;
      this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out, 1 << 16);
      this.modelId = Csv.cell(scorer.modelId(), ',');
      this.modelVersion = Csv.cell(scorer.modelVersion(), ',');
      this.asOfText = Csv.cell(asOfText, ',');
      List<String> header = new ArrayList<>(HEADER);
      if (moves) {
        header.add("next_move");
      }
      this.out.write(Csv.line(header));
    }

    /**
     * Scores one lead and writes its row.
     *
     * @throws LeadDataException if the lead cannot be scored (nothing is written)
     */
    Score score(Lead lead) throws IOException {
      Score s = scorer.score(lead, asOf, Detail.EXPLAINED);
      Explanation pp = scorer.inPercentagePoints(s.explanation().orElseThrow());
      String move = moves ? scorer.nextTierMove(lead, asOf).map(Move::sentence).orElse("") : null;
      line.setLength(0);
      joined.setLength(0);
      cell(s.leadId()).append(',');
      Numbers.fixed(line, s.probability(), 4);
      line.append(',').append(Numbers.whole(s.score())).append(',');
      cell(s.tier().label()).append(',');
      cell(s.tier().action()).append(',');
      reasons(pp.topReasons());
      reasons(pp.risks());
      cell(joined.toString()).append(',');
      line.append(modelId).append(',').append(modelVersion).append(',').append(asOfText);
      if (move != null) {
        line.append(',');
        cell(move);
      }
      line.append('\n');
      out.append(line);
      return s;
    }

    /** Flushes the rows written so far to the file. */
    void flush() throws IOException {
      out.flush();
    }

    private void reasons(List<Reason> list) {
      for (int i = 0; i < SHOWN; i++) {
        if (i < list.size()) {
          String text = text(list.get(i));
          cell(text);
          if (joined.length() > 0) {
            joined.append(" | ");
          }
          joined.append(text);
        }
        line.append(',');
      }
    }

    private StringBuilder cell(String value) {
      return line.append(Csv.cell(value, ','));
    }
  }

  /** A reason as a cell: its text and the points it moves the lead, e.g. {@code "Came in through Referral (+3.6 pts)"}. */
  static String text(Reason r) {
    if (r.direction() == Reason.Direction.OVERRIDES) {
      return r.text(); // a policy override moves no points: "(+0.0 pts)" would read as a weak reason
    }
    StringBuilder sb = new StringBuilder(r.text().length() + 12).append(r.text()).append(" (");
    Numbers.signed(sb, r.contribution(), 1);
    return sb.append(" pts)").toString();
  }

  /** The {@code reasons} cell of a list, as {@link Rows} joins them. */
  static String joined(List<Reason> reasons) {
    StringBuilder sb = new StringBuilder();
    for (Reason r : reasons) {
      sb.append(sb.length() == 0 ? "" : " | ").append(text(r));
    }
    return sb.toString();
  }

  /**
   * Decimal text of doubles exactly as {@code String.format(Locale.ROOT, "%.Nf")} writes it (so the
   * whole-number score matches the HTML report's {@code %.0f}), without the formatter's cost on
   * every row: a value whose scaled fraction is not within a hair of one half rounds the same way
   * whatever the representation error, and the few that are take the formatter itself.
   */
  static final class Numbers {
    private static final double[] SCALE = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private Numbers() {}

    /** {@code String.format(Locale.ROOT, "%.0f", v)}. */
    static String whole(double v) {
      StringBuilder sb = new StringBuilder(4);
      fixed(sb, v, 0);
      return sb.toString();
    }

    /** Appends {@code String.format(Locale.ROOT, "%." + decimals + "f", v)}. */
    static void fixed(StringBuilder sb, double v, int decimals) {
      format(sb, v, decimals, false);
    }

    /** Appends {@code String.format(Locale.ROOT, "%+." + decimals + "f", v)}. */
    static void signed(StringBuilder sb, double v, int decimals) {
      format(sb, v, decimals, true);
    }

    private static void format(StringBuilder sb, double v, int decimals, boolean plus) {
      double a = Math.abs(v);
      double scaled = a * SCALE[decimals];
      double frac = scaled - Math.floor(scaled);
      if (!Double.isFinite(v) || scaled >= 1e15 || Math.abs(frac - 0.5) < 1e-6) {
        sb.append(String.format(Locale.ROOT, (plus ? "%+." : "%.") + decimals + "f", v));
        return;
      }
      long units = (long) Math.floor(scaled + 0.5);
      boolean negative = v < 0 || v == 0 && 1 / v < 0;
      if (negative) {
        sb.append('-');
      } else if (plus) {
        sb.append('+');
      }
      String digits = Long.toString(units);
      if (decimals == 0) {
        sb.append(digits);
        return;
      }
      if (digits.length() <= decimals) {
        digits = "0".repeat(decimals + 1 - digits.length()) + digits;
      }
      sb.append(digits, 0, digits.length() - decimals).append('.').append(digits, digits.length() - decimals, digits.length());
    }
  }
}
