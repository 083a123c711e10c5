package org.mlem.jobs.rsa;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mlem.core.config.MlemOptions;
import org.mlem.core.config.Option;
import org.mlem.core.config.Settings;
import org.mlem.core.distance.IdsFrom;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.rsa.RsaMeasure;
import org.mlem.jobs.fit.JobOptions;
import org.mlem.jobs.fit.UsageException;
import org.mlem.jobs.io.RepresentationInput;
import org.mlem.jobs.sweep.BrainInputs;

/**
 * The resolved settings of {@code mlem rsa} (options of {@link JobOptions#RSA}).
 *
 * @param representations the sets' pattern and reading options (as {@code mlem sweep} takes it)
 * @param setColumn the set column of a Parquet table of sets
 * @param brain how brain data are cut into sets, or {@link BrainInputs#NONE}
 * @param out the output directory
 * @param measure the RDM correlation
 * @param bootstrap stimulus-bootstrap resamples (0: no interval)
 * @param maxPairs the pair budget
 * @param distance the neural distance of every set's RDM
 * @param seed the run seed (pair sample and bootstrap)
 * @param threads bootstrap worker threads
 * @param idsFrom REFUSE or BOTH
 * @param master the Spark master, or null for the default
 * @param overwrite replace a previous output of {@code mlem rsa}
 * @param quiet no progress lines
 * @param report write OUT/report.html
 * @param given everything the user gave, with the defaults, as rsa.json records it
 */
public record RsaSettings(RepresentationInput representations, String setColumn,
    BrainInputs brain, String out, RsaMeasure measure, int bootstrap, int maxPairs,
    NeuralDistance distance, long seed, int threads, IdsFrom idsFrom, String master,
    boolean overwrite, boolean quiet, boolean report, Map<String, String> given) {

  /** Copies the map. */
  public RsaSettings {
    given = Map.copyOf(given);
  }

  /**
   * Resolves settings parsed and checked option by option (command line, config file).
   *
   * @throws UsageException naming the option and what to give
   */
  public static RsaSettings resolve(Settings s) {
    String representations = required(s, JobOptions.REPRESENTATIONS);
    String out = required(s, JobOptions.OUT);
    Integer threads = s.get(MlemOptions.THREADS);
    RepresentationInput input = new RepresentationInput(representations,
        s.get(JobOptions.REPRESENTATIONS_FORMAT), s.get(MlemOptions.ID_COLUMN),
        s.get(JobOptions.VECTOR_COLUMN), s.get(JobOptions.RSA_IDS), null);
    Map<String, String> given = new LinkedHashMap<>();
    for (Option<?> o : JobOptions.RSA.options()) {
      String text = text(s, o);
      if (text != null) {
        given.put(o.key(), text);
      }
    }
    return new RsaSettings(input, s.get(JobOptions.SET_COLUMN), BrainInputs.resolve(s), out,
        s.get(MlemOptions.RSA_MEASURE), s.get(MlemOptions.BOOTSTRAP),
        s.get(MlemOptions.MAX_PAIRS), s.get(MlemOptions.DISTANCE), s.get(MlemOptions.SEED),
        threads == null ? Runtime.getRuntime().availableProcessors() : threads,
        s.get(JobOptions.RSA_IDS_FROM), s.get(JobOptions.MASTER), s.get(JobOptions.OVERWRITE),
        s.get(JobOptions.QUIET), s.get(JobOptions.REPORT), given);
  }

  private static <T> String text(Settings s, Option<T> o) {
    T value = s.get(o);
    return value == null ? null : o.format(value);
  }

  private static String required(Settings s, Option<String> option) {
    String value = s.get(option);
    if (value == null || value.isBlank()) {
      throw new UsageException("--" + option.key() + " is required (see 'mlem rsa --help')");
    }
    return value;
  }
}
