package org.mlem.jobs.ml;

import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves an MLEM estimator (metadata only) or model (metadata and data): {@code path/metadata}
 * ({@link MLEMMetadata}) and, for a model, {@code path/data} ({@link MLEMModelFiles}). Spark's
 * {@link MLWriter#save} refuses an existing path with an {@code IOException} ("Path ... already
 * exists. To overwrite it, please use write.overwrite().save(path) ...") unless
 * {@link MLWriter#overwrite()} was called, in which case it deletes the path first.
 */
final class MLEMWriter extends MLWriter {
  private final Params instance;
  private final MLEMModelData data;

  /**
   * @param instance the estimator or model
   * @param data the model's data, or null for the estimator
   */
  MLEMWriter(Params instance, MLEMModelData data) {
    this.instance = instance;
    this.data = data;
  }

  @Override
  public void saveImpl(String path) {
    MLEMMetadata.write(instance, path, sparkSession());
    if (data != null) {
      MLEMModelFiles.write(data, path, sparkSession());
    }
  }
}
