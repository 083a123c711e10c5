package org.mlem.jobs.sweep;

import org.mlem.jobs.output.SweepFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.mlem.core.batchsize.BatchSizeConfig;
import org.mlem.core.batchsize.BatchSizeEstimate;
import org.mlem.core.batchsize.BatchSizeEstimator;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.output.BatchSizeWarnings;

/**
 * The one batch size shared by every set of a sweep, and its JSON file
 * ({@code OUT/batch_size.json}, also what {@code mlem estimate-batch-size --out FILE} writes and
 * {@code --batch-size-file FILE} reads):
 * <pre>{"batch_size": N, "rounds": R, "max_std": x, "warnings": [...], "features": [...],
 *  "seed": S, "interactions": true}</pre>
 * {@code rounds} is 0 and {@code max_std} null when the size was given, not estimated (or the
 * core skipped the estimate). The estimate itself is the core's ({@link BatchSizeEstimator}),
 * over every stimulus with the run seed, exactly as {@code mlem fit} estimates it.
 *
 * @param batchSize pairs per batch, >= 2
 * @param rounds candidate sizes tried (0 if given or skipped)
 * @param maxStd the largest across-batch std at the chosen size, or null
 * @param warnings the estimate's warnings
 * @param features the encoded feature names it was estimated for
 * @param seed the seed it was estimated with
 * @param interactions whether it was estimated over the interaction terms too (the search
 *     correlates every expanded term then), or null when unknown (a given size, or a file written
 *     before the key existed, whose estimate covered the squared distances only)
 */
public record SharedBatchSize(int batchSize, int rounds, Double maxStd, List<String> warnings,
    List<String> features, long seed, Boolean interactions) {

  /** Copies the lists. */
  public SharedBatchSize {
    warnings = List.copyOf(warnings);
    features = List.copyOf(features);
  }

  /**
   * The core's estimate over every stimulus, as {@code Mlem.analyze} makes it.
   *
   * @param features the encoded features
   * @param seed the run seed
   * @param search the search settings (the config's {@code batchSizeSearch()})
   * @param interactions whether the model has interaction terms (the config's
   *     {@code training().interactions()})
   */
  public static SharedBatchSize estimate(
      EncodedFeatures features, long seed, BatchSizeConfig search, boolean interactions) {
    int[] all = new int[features.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    BatchSizeEstimate e = BatchSizeEstimator.estimate(features, all, search, interactions);
    return new SharedBatchSize(e.batchSize(), e.rounds(),
        Double.isFinite(e.maxStd()) ? e.maxStd() : null, e.warnings(), features.names(), seed,
        interactions);
  }

  /**
   * The batch size many fits share (a sweep's sets, a searchlight's spheres): the config's when
   * given, else the batch-size file's (its features must be these; a file estimated with or
   * without interaction terms unlike the model gets a warning), else an earlier attempt's
   * {@code previous} file when it was made for the same features, seed and interaction terms
   * (a rerun resumes with the same size), else estimated once.
   *
   * @param config the fits' configuration (batch size, seed, search, interactions)
   * @param file a batch-size file to reuse, or null
   * @param previous where an earlier attempt wrote its batch size
   * @param warn receives a warning
   */
  public static SharedBatchSize choose(Configuration conf, org.mlem.core.api.MlemConfig config,
      EncodedFeatures features, String file, String previous,
      java.util.function.Consumer<String> warn) {
    long seed = config.training().seed();
    List<String> names = features.names();
    boolean interactions = config.training().interactions();
    if (config.batchSize() != 0) {
      return given(config.batchSize(), names, seed);
    }
    if (file != null) {
      SharedBatchSize read = read(conf, file);
      read.requireFeatures(names, file);
      if (!read.fitsInteractions(interactions)) {
        warn.accept("batch-size file " + file + " was estimated "
            + (read.interactions() ? "with" : "without") + " interaction terms but the model"
            + " has " + (interactions ? "them" : "none") + "; estimate it again with mlem"
            + " estimate-batch-size " + (interactions ? "--interactions" : "--no-interactions"));
      }
      return read;
    }
    if (SweepFiles.exists(conf, previous)) {
      SharedBatchSize earlier = read(conf, previous);
      if (earlier.features().equals(names) && earlier.seed() == seed
          && earlier.fitsInteractions(interactions)) {
        return earlier;
      }
    }
    return estimate(features, seed, config.batchSizeSearch(), interactions);
  }

  /** A size given on the command line (not estimated). */
  public static SharedBatchSize given(int batchSize, List<String> features, long seed) {
    return new SharedBatchSize(batchSize, 0, null, BatchSizeWarnings.of(batchSize), features,
        seed, null);
  }

  /** The JSON text (indented, trailing newline). */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("batch_size", batchSize);
    m.put("rounds", rounds);
    m.put("max_std", maxStd);
    m.put("warnings", warnings);
    m.put("features", features);
    m.put("seed", seed);
    if (interactions != null) {
      m.put("interactions", interactions);
    }
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the batch size", e);
    }
  }

  /**
   * Parses a batch-size file.
   *
   * @param file the file's name, for messages
   * @throws InputException naming the file and the key when it is not such a file
   */
  public static SharedBatchSize parse(String json, String file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new InputException("batch-size file " + file + " is not valid JSON: "
          + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InputException("batch-size file " + file + " must hold a JSON object such as"
          + " {\"batch_size\": 2048, ...} as written by mlem estimate-batch-size");
    }
    JsonNode size = root.get("batch_size");
    if (size == null || !size.canConvertToInt() || !size.isIntegralNumber()
        || size.asInt() < 2) {
      throw new InputException("batch-size file " + file + ": \"batch_size\" must be an"
          + " integer >= 2, found " + (size == null ? "nothing" : size.toString())
          + "; write it with mlem estimate-batch-size");
    }
    JsonNode rounds = root.get("rounds");
    JsonNode maxStd = root.get("max_std");
    JsonNode seed = root.get("seed");
    JsonNode interactions = root.get("interactions");
    return new SharedBatchSize(size.asInt(), rounds != null ? rounds.asInt() : 0,
        maxStd != null && maxStd.isNumber() ? maxStd.asDouble() : null,
        strings(root.get("warnings")), strings(root.get("features")),
        seed != null ? seed.asLong() : 0L,
        interactions != null && interactions.isBoolean() ? interactions.asBoolean() : null);
  }

  /**
   * Reads a batch-size file through Hadoop (any URI).
   *
   * @throws InputException when missing or malformed
   */
  public static SharedBatchSize read(Configuration conf, String file) {
    return parse(SweepFiles.readText(conf, file, "batch-size file"), file);
  }

  /** Writes this estimate to {@code file} atomically (temporary file, then rename). */
  public void write(Configuration conf, String file) {
    SweepFiles.writeAtomically(conf, file, toJson());
  }

  /**
   * Checks that this estimate was made for these features.
   *
   * @throws InputException naming the file and both feature lists otherwise
   */
  public void requireFeatures(List<String> actual, String file) {
    if (!features.isEmpty() && !features.equals(actual)) {
      throw new InputException("batch-size file " + file + " was estimated for the features "
          + features + " but the feature table encodes " + actual + "; estimate it again with"
          + " mlem estimate-batch-size on these features");
    }
  }

  /**
   * Whether this estimate was made for a model with ({@code true}) or without interaction terms;
   * a given size or an older file (null) fits either.
   */
  public boolean fitsInteractions(boolean modelInteractions) {
    return interactions == null || interactions == modelInteractions;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
