package dev.leadscore.bench.cli;

import dev.leadscore.model.registry.ModelRegistry;
import dev.leadscore.model.registry.ModelVersion;
import dev.leadscore.model.registry.RegistryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code registry}: the library's file-system model registry from the command line: {@code list},
 * {@code save}, {@code promote}, {@code rollback}, {@code show}. Every subcommand takes {@code
 * --registry DIR}; an unknown version, an empty registry or a damaged file is an error with exit
 * code 1 and one message.
 */
@Command(name = "registry", usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
    description = {"Keep trained models as immutable, content-addressed versions in a directory, promote one to"
        + " active, roll back, and copy the active (or any) version out for 'score' and 'monitor'."},
    subcommands = {RegistryCommand.ListVersions.class, RegistryCommand.Save.class, RegistryCommand.Promote.class,
        RegistryCommand.Rollback.class, RegistryCommand.Show.class},
    footer = {"", "Example:",
        "  java -jar leadscore-bench.jar registry save --registry models model.json --promote",
        "  java -jar leadscore-bench.jar registry show --registry models --model-out current.json"})
final class RegistryCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The registry directory option every subcommand takes. */
  static final class Dir {
    @Option(names = "--registry", required = true, paramLabel = "DIR",
        description = "The registry directory (created by the first 'save').")
    Path directory;

    ModelRegistry open(boolean create) {
      if (!create && !Files.isDirectory(directory)) {
        throw new CliException("no registry at " + directory + ": the directory does not exist; create it with"
            + " 'registry save --registry " + directory + " MODEL.json'");
      }
      try {
        return ModelRegistry.open(directory);
      } catch (IOException e) {
        throw new CliException("cannot open the registry " + directory + ": " + e.getMessage(), e);
      }
    }
  }

  /** What every subcommand has: its spec (for the output stream) and the registry directory. */
  abstract static class Sub implements Runnable {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    Dir dir;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  /** Runs a registry operation, turning its failures into one-line errors. */
  interface Op<T> {
    T run() throws IOException;
  }

  static <T> T call(Dir dir, Op<T> op) {
    try {
      return op.run();
    } catch (RegistryException e) {
      throw new CliException(e.getMessage(), e);
    } catch (IOException e) {
      throw new CliException("registry " + dir.directory + ": " + e.getMessage(), e);
    }
  }

  static String line(ModelVersion v) {
    return String.format(Locale.ROOT, "%s %-22s %-20s %-10s %s  %5d leads %4d conv  AUC %.3f", v.active() ? "*" : " ",
        v.id(), v.modelId(), v.artifactVersion(), v.createdAt(), v.rows(), v.positives(), v.oofAuc());
  }

  @Command(name = "list", usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
      description = "List the versions in save order; '*' marks the active one. Damaged files are listed after.")
  static final class ListVersions extends Sub {
    @Override
    public void run() {
      PrintWriter out = out();
      ModelRegistry r = dir.open(false);
      List<ModelVersion> versions = call(dir, r::list);
      if (versions.isEmpty()) {
        out.println("The registry " + dir.directory + " is empty: save a model with 'registry save'.");
      } else {
        out.println("  version                model id             version    created               training"
            + "            out-of-fold");
        versions.forEach(v -> out.println(line(v)));
      }
      for (ModelRegistry.Problem p : call(dir, r::problems)) {
        out.println("  damaged: " + p.fileName() + ": " + p.problem());
      }
      out.flush();
    }
  }

  @Command(name = "save", usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
      description = "Save a model file (written by 'train' or 'evaluate --model-out') as a new version, byte for"
          + " byte; saving the same content again returns the existing version.")
  static final class Save extends Sub {
    @Parameters(index = "0", paramLabel = "MODEL.json", description = "The model to save.")
    Path model;

    @Option(names = "--promote", description = "Also make it the active version.")
    boolean promote;

    @Override
    public void run() {
      String json = Io.read(model, "model");
      ModelRegistry r = dir.open(true);
      ModelVersion v = call(dir, () -> r.save(json));
      PrintWriter out = out();
      out.println("Saved " + model + " as " + v.id() + " (" + v.modelId() + " v" + v.artifactVersion() + ")");
      if (promote) {
        call(dir, () -> r.promote(v.id()));
        out.println("Active: " + v.id());
      }
      out.flush();
    }
  }

  @Command(name = "promote", usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
      description = "Make a version the active one (recorded in the activation history).")
  static final class Promote extends Sub {
    @Parameters(index = "0", paramLabel = "VERSION", description = "The version id, e.g. v000002-4f1c0a9e2b7d.")
    String version;

    @Override
    public void run() {
      ModelRegistry r = dir.open(false);
      ModelVersion v = call(dir, () -> r.promote(version));
      out().println("Active: " + v.id() + " (" + v.modelId() + " v" + v.artifactVersion() + ")");
      out().flush();
    }
  }

  @Command(name = "rollback", usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
      description = "Make the previously active version active again; repeat to walk further back.")
  static final class Rollback extends Sub {
    @Override
    public void run() {
      ModelRegistry r = dir.open(false);
      ModelVersion v = call(dir, r::rollback);
      out().println("Rolled back; active: " + v.id() + " (" + v.modelId() + " v"
          + v.artifactVersion() + ")");
      out().flush();
    }
  }

  @Command(name = "show", usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
      description = "Describe a version (the active one by default) and the activation history; --model-out copies"
          + " its model file out, byte for byte, for 'score' and 'monitor'.")
  static final class Show extends Sub {
    @Parameters(index = "0", arity = "0..1", paramLabel = "VERSION", description = "The version id (default: the"
        + " active version).")
    String version;

    @Option(names = "--model-out", paramLabel = "JSON", description = "Copy the version's model file here.")
    Path modelOut;

    @Override
    public void run() {
      ModelRegistry r = dir.open(false);
      String id = version;
      if (id == null) {
        Optional<ModelVersion> active = call(dir, r::activeVersion);
        if (active.isEmpty()) {
          boolean empty = call(dir, r::list).isEmpty();
          throw new CliException("the registry " + dir.directory + (empty ? " is empty: save a model with 'registry"
              + " save'" : " has no active version: promote one with 'registry promote VERSION'"));
        }
        id = active.get().id();
      }
      String wanted = id;
      call(dir, () -> r.load(wanted));
      ModelVersion v = call(dir, r::list).stream().filter(x -> x.id().equals(wanted)).findFirst()
          .orElseThrow(() -> new CliException("version " + wanted + " is not in the registry " + dir.directory));
      List<String> history = call(dir, r::history);
      PrintWriter out = out();
      out.printf(Locale.ROOT, "Version     %s%s%n", v.id(), v.active() ? " (active)" : "");
      out.printf(Locale.ROOT, "File        %s%n", r.directory().resolve(v.fileName()));
      out.printf(Locale.ROOT, "Model       %s v%s, created %s%n", v.modelId(), v.artifactVersion(), v.createdAt());
      out.printf(Locale.ROOT, "SHA-256     %s%n", v.sha256());
      out.printf(Locale.ROOT, "Schema      fitted %s, declared %s%n", v.schemaFingerprint(),
          v.declaredSchemaFingerprint());
      out.printf(Locale.ROOT, "Training    %d leads, %d converted, lambda %.3g%n", v.rows(), v.positives(), v.lambda());
      out.printf(Locale.ROOT, "Out-of-fold ROC AUC %.3f, log loss %.4f, Brier %.4f%n", v.oofAuc(), v.oofLogLoss(),
          v.oofBrier());
      out.printf(Locale.ROOT, "Monitoring  %s%n", v.monitored() ? "reference stored ('monitor' can check it)"
          : "no reference (retrain to monitor it)");
      out.printf(Locale.ROOT, "History     %s%n", history.isEmpty() ? "(nothing promoted yet)"
          : String.join(" -> ", history));
      if (modelOut != null) {
        try {
          Path parent = modelOut.toAbsolutePath().getParent();
          if (parent != null) {
            Files.createDirectories(parent);
          }
          Files.copy(r.directory().resolve(v.fileName()), modelOut, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
          throw new CliException("cannot write " + modelOut + ": " + e.getMessage(), e);
        }
        out.println("Wrote " + modelOut);
      }
      out.flush();
    }
  }
}
