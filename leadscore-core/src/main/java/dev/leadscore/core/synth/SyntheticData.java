package dev.leadscore.core.synth;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A generated pipeline: labelled leads, the instant they are observed at, and each lead's hidden
 * true conversion probability (the oracle a learned model can at best approach).
 *
 * <p>Immutable and safe to share between threads: the leads list is an unmodifiable copy and the
 * probabilities are copied in and out ({@link #trueProbabilities()} returns a fresh copy each
 * call, so prefer {@link #trueProbability(int)} in loops). Two instances are equal when their
 * leads, labels, asOf and probabilities are equal, so two generations with the same options
 * compare equal.
 *
 * @param leads the leads with their drawn labels, in id order
 * @param asOf the observation instant; extract features at this instant
 * @param trueProbabilities the ground-truth conversion probability of each lead, in {@code [0, 1]},
 *     index-aligned with {@code leads}
 */
public record SyntheticData(List<LabelledLead> leads, Instant asOf, double[] trueProbabilities) {

  /**
   * @param leads the leads with their drawn labels, in id order
   * @param asOf the observation instant; extract features at this instant
   * @param trueProbabilities the ground-truth conversion probability of each lead, in {@code [0, 1]},
   *     index-aligned with {@code leads}
   * @throws NullPointerException if any argument or lead is null
   * @throws IllegalArgumentException if the probabilities do not match the leads one to one or
   *     one lies outside {@code [0, 1]}
   */
  public SyntheticData {
    leads = List.copyOf(Objects.requireNonNull(leads, "leads"));
    Objects.requireNonNull(asOf, "asOf");
    trueProbabilities = Objects.requireNonNull(trueProbabilities, "trueProbabilities").clone();
    if (trueProbabilities.length != leads.size()) {
      throw new IllegalArgumentException("trueProbabilities must have one entry per lead: " + leads.size()
          + " leads but " + trueProbabilities.length + " probabilities");
    }
    for (int i = 0; i < trueProbabilities.length; i++) {
      double p = trueProbabilities[i];
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("trueProbabilities[" + i + "] (lead " + leads.get(i).lead().id()
            + ") must be in [0, 1], got " + p);
      }
    }
  }

  /** {@return a copy of the true probabilities; changing it does not change this record} */
  @Override
  public double[] trueProbabilities() {
    return trueProbabilities.clone();
  }

  /**
   * The true probability of lead {@code i} (0-based), without copying the array.
   *
   * @param i the lead's 0-based index
   * @return its true probability, 0–1
   */
  public double trueProbability(int i) {
    return trueProbabilities[i];
  }

  /** {@return number of leads} */
  public int size() {
    return leads.size();
  }

  /** {@return the share of leads labelled converted, in {@code [0, 1]} (0 for an empty pipeline)} */
  public double conversionRate() {
    if (leads.isEmpty()) {
      return 0;
    }
    int converted = 0;
    for (LabelledLead l : leads) {
      if (l.converted()) {
        converted++;
      }
    }
    return converted / (double) leads.size();
  }

  /** {@return the leads without their labels, as an unmodifiable view in the same order} */
  public List<Lead> unlabelled() {
    return new Unlabelled(leads);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SyntheticData other
        && asOf.equals(other.asOf)
        && Arrays.equals(trueProbabilities, other.trueProbabilities)
        && leads.equals(other.leads);
  }

  @Override
  public int hashCode() {
    return Objects.hash(leads, asOf, Arrays.hashCode(trueProbabilities));
  }

  @Override
  public String toString() {
    return "SyntheticData[" + leads.size() + " leads, asOf=" + asOf + ", conversionRate=" + conversionRate() + "]";
  }

  /** A read-only view of the leads' {@link LabelledLead#lead()}s. */
  private static final class Unlabelled extends AbstractList<Lead> implements RandomAccess {
    private final List<LabelledLead> leads;

    Unlabelled(List<LabelledLead> leads) {
      this.leads = leads;
    }

    @Override
    public Lead get(int index) {
      return leads.get(index).lead();
    }

    @Override
    public int size() {
      return leads.size();
    }
  }
}
