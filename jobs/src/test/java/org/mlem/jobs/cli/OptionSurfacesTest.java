package org.mlem.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.param.Param;
import org.mlem.core.config.MlemOptions;
import org.mlem.core.config.Option;
import org.mlem.core.config.ValueType;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.fit.JobOptions;
import org.mlem.jobs.ml.MLEM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option the command line, the config files and the MLlib params share is accepted,
 * refused and defaulted identically on the three surfaces. The samples and whether each is
 * valid are written by hand from the rules documented in the README's option table, not read
 * from the declarations under test.
 */
class OptionSurfacesTest {
  @TempDir Path tmp;

  /** key, value as the user writes it (YAML: the same text), whether it is valid. */
  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of("model", "frrsa-i", true), Arguments.of("model", "foo", false),
        Arguments.of("parametrization", "cholesky", true),
        Arguments.of("parametrization", "expm", false),
        Arguments.of("stopping", "training", true), Arguments.of("stopping", "loss", false),
        Arguments.of("distance", "cosine", true), Arguments.of("distance", "chebyshev", false),
        Arguments.of("strength", "relative:0.5", true),
        Arguments.of("strength", "loud:2", false), Arguments.of("strength", "absolute:-1", false),
        Arguments.of("seed", "-3", true),
        Arguments.of("test-fraction", "0.5", true), Arguments.of("test-fraction", "0", false),
        Arguments.of("test-fraction", "1", false),
        Arguments.of("folds", "0", true), Arguments.of("folds", "2", true),
        Arguments.of("folds", "1", false),
        Arguments.of("permutations", "0", true), Arguments.of("permutations", "-1", false),
        Arguments.of("importance", "term", true), Arguments.of("importance", "pairs", false),
        Arguments.of("scoring", "mse", true), Arguments.of("scoring", "r2", false),
        Arguments.of("batch-size", "4", true), Arguments.of("batch-size", "3", false),
        Arguments.of("batch-size", "0", true),
        Arguments.of("max-steps", "1", true), Arguments.of("max-steps", "0", false),
        Arguments.of("patience", "1", true), Arguments.of("patience", "0", false),
        Arguments.of("lr", "0.5", true), Arguments.of("lr", "0", false),
        Arguments.of("partitions", "0", true), Arguments.of("partitions", "-1", false),
        Arguments.of("id-column", "sid", true), Arguments.of("id-column", " ", false),
        Arguments.of("kinds", "colour=simplex", true), Arguments.of("kinds", "colour=blob", false));
  }

  private static final String[] REQUIRED = {"--features", "f.csv", "--representations",
      "r.csv", "--out", "o"};

  private static boolean acceptedOnCommandLine(String key, String value) {
    String[] args = Stream.concat(Stream.of(REQUIRED), Stream.of("--" + key, value))
        .toArray(String[]::new);
    try {
      MlemCli.resolveFit(args);
      return true;
    } catch (org.mlem.jobs.fit.UsageException e) {
      return false;
    }
  }

  private boolean acceptedInConfigFile(String key, String value) throws IOException {
    boolean number = value.trim().matches("-?[0-9.]+");
    Path yaml = Files.writeString(tmp.resolve(key + ".yaml"), "features: f.csv\n"
        + "representations: r.csv\nout: o\n" + key + ": "
        + (number ? value : "'" + value + "'") + "\n");
    try {
      MlemCli.resolveFit("--config", yaml.toString());
      return true;
    } catch (org.mlem.jobs.fit.UsageException e) {
      return false;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean acceptedAsParam(String key, String value) {
    MLEM mlem = new MLEM();
    Option<?> option = JobOptions.FIT.find(key).orElseThrow();
    Param param = mlem.getParam(option.paramName());
    Object typed;
    try {
      typed = toParam(option, value);
    } catch (IllegalArgumentException e) {
      return false;
    }
    try {
      mlem.set(param, typed);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The value as MLlib types it: a number for numeric params, else the text. */
  private static Object toParam(Option<?> option, String value) {
    return switch (option.type().shape()) {
      case INT -> value.equals("auto") ? 0 : Integer.valueOf(value.trim());
      case LONG -> Long.valueOf(value.trim());
      case DOUBLE -> Double.valueOf(value.trim());
      case BOOLEAN -> Boolean.valueOf(value.trim());
      case TEXT -> value;
    };
  }

  @ParameterizedTest(name = "{0} = ''{1}'' valid: {2}")
  @MethodSource("samples")
  void validationIsTheSameOnEverySurface(String key, String value, boolean valid)
      throws IOException {
    assertEquals(valid, acceptedOnCommandLine(key, value), "command line");
    assertEquals(valid, acceptedInConfigFile(key, value), "config file");
    assertEquals(valid, acceptedAsParam(key, value), "MLlib param");
  }

  @Test
  void defaultsAreTheSameOnEverySurface() {
    FitSettings cli = MlemCli.resolveFit(REQUIRED);
    MLEM mlem = new MLEM();
    Map<String, String> fromParams = mlem.toConfig().toMap();
    Map<String, String> fromCli = cli.config().toMap();
    // Values written by hand: the README's defaults.
    Map<String, String> expected = Map.ofEntries(Map.entry("model", "mlem"),
        Map.entry("interactions", "true"), Map.entry("parametrization", "projected"),
        Map.entry("stopping", "validation"), Map.entry("strength", "absolute:1.0"),
        Map.entry("seed", "0"), Map.entry("test-fraction", "0.2"), Map.entry("folds", "0"),
        Map.entry("permutations", "10"), Map.entry("importance", "stimulus"),
        Map.entry("batch-size", "auto"), Map.entry("max-steps", "1000"),
        Map.entry("patience", "50"), Map.entry("lr", "0.1"), Map.entry("scoring", "spearman"));
    expected.forEach((k, v) -> {
      assertEquals(v, fromCli.get(k), "command line default of " + k);
      assertEquals(v, fromParams.get(k), "MLlib default of " + k);
    });
    assertEquals(fromCli, fromParams, "every core setting");
    assertEquals("euclidean", mlem.getDistance());
    assertEquals("euclidean", cli.distance().cliName());
    assertEquals("id", mlem.getIdCol());
    assertEquals("id", cli.features().idColumn());
    assertEquals(0, mlem.getPartitions());
    assertEquals(0, cli.partitions());
  }

  @Test
  void everySharedOptionHasASampleOfEachKind() {
    List<String> sampled = samples().map(a -> (String) a.get()[0]).distinct().toList();
    for (Option<?> o : JobOptions.FIT.options()) {
      boolean isParam = new MLEM().hasParam(o.paramName());
      // featureCols is a string array in MLlib (its own type); flags have no invalid value.
      if (isParam && o.type().shape() != ValueType.Shape.BOOLEAN
          && o != MlemOptions.FEATURE_COLUMNS) {
        assertTrue(sampled.contains(o.key()), "no sample for the MLlib-shared option "
            + o.key());
      }
    }
    assertTrue(sampled.contains(MlemOptions.BATCH_SIZE.key()));
  }
}
