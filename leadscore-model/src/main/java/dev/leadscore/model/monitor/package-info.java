/**
 * Drift monitoring of a trained model in production.
 *
 * <p>{@link dev.leadscore.model.monitor.Monitor} compares a batch of new leads, and later their
 * outcomes, with the training reference stored in the model ({@link
 * dev.leadscore.model.TrainedModel#monitoringReference()}): feature drift (population stability
 * index and missing-rate change per feature), score drift (score distribution and tier shares,
 * too-permissive and too-strict flags) and outcome drift (predicted against actual conversion
 * overall and per tier, calibration error). The result is an immutable {@link
 * dev.leadscore.model.monitor.MonitoringReport}, serialisable to JSON, with a one-call {@link
 * dev.leadscore.model.monitor.Health} verdict (OK, WATCH, RETRAIN) and its reasons.
 *
 * <pre>{@code
 * MonitoringReport report = Monitor.of(model).check(leads, asOf);
 * switch (report.verdict().status()) { case OK -> {} default -> alert(report.verdict().reasons()); }
 * Files.writeString(out, report.toJson());
 * }</pre>
 *
 * <p>Every public type is immutable and thread-safe; the binning and verdict machinery is
 * package-private.
 */
package dev.leadscore.model.monitor;
