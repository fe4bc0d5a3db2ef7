package dev.leadscore.core;

import dev.leadscore.core.internal.LeadBatches;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one call a host makes on its hot path: raw lead in, {@link Score} out (probability, 0–100
 * score, tier and, when asked, the reasons). Implementations are the rule baseline and the
 * trained model; both take the same leads and produce the same kind of score, so they can be
 * swapped and compared.
 *
 * <p>{@code asOf} is the instant the score is for: events after it are ignored and ages are
 * measured back from it. No implementation reads the wall clock, so a back-test is reproducible.
 *
 * <p>Implementations are immutable and safe to share between threads.
 */
public interface LeadScorer {

  /** How much a caller wants back. */
  enum Detail {
    /** Probability, score and tier only: what ranking needs; explanations cost nothing. */
    SCORE_ONLY,
    /** Also the {@link Explanation}. */
    EXPLAINED
  }

  /**
   * Scores one lead.
   *
   * @param lead the lead to score
   * @param asOf the instant the score is for; later events are ignored
   * @param detail whether to build the explanation
   * @return the probability, 0–100 score, tier and, if asked for, the explanation
   * @throws LeadDataException naming the lead and the field when the lead's data cannot be used
   */
  Score score(Lead lead, Instant asOf, Detail detail);

  /**
   * Scores one lead with its explanation.
   *
   * @param lead the lead to score
   * @param asOf the instant the score is for; later events are ignored
   * @return the score with its explanation
   */
  default Score score(Lead lead, Instant asOf) {
    return score(lead, asOf, Detail.EXPLAINED);
  }

  /**
   * Scores many leads on the calling thread. A lead whose data cannot be used becomes a
   * {@link RowError} with its 0-based index, and the others are still scored.
   *
   * @param leads the leads to score
   * @param asOf the instant the scores are for
   * @param detail whether to build explanations
   * @return the scores of the usable leads, in input order, and one error per unusable lead
   */
  default BatchResult scoreAll(List<Lead> leads, Instant asOf, Detail detail) {
    Objects.requireNonNull(leads, "leads");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(detail, "detail");
    List<Score> scores = new ArrayList<>(leads.size());
    List<RowError> errors = LeadBatches.scoreEach(leads, lead -> score(lead, asOf, detail), scores);
    return new BatchResult(scores, errors);
  }

  /** {@return the id of the model or rule set behind this scorer} */
  String modelId();

  /** {@return its version} */
  String modelVersion();
}
