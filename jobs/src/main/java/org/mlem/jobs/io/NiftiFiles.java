package org.mlem.jobs.io;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.mlem.core.brain.LabelTable;
import org.mlem.core.brain.NiftiReader;
import org.mlem.core.brain.NiftiVolume;

/**
 * Opens NIfTI images and label tables at any Hadoop URI for the core's readers
 * ({@link org.mlem.core.brain}); their complaints about the content become
 * {@link InputException}s (exit code 2) naming the file.
 */
public final class NiftiFiles {
  private NiftiFiles() {}

  /** A reader over a series or volume; the caller closes it. */
  public static NiftiReader open(Configuration conf, String uri) {
    InputStream in = null;
    try {
      in = InputPaths.fileSystem(conf, uri).open(new Path(uri));
      return NiftiReader.open(in, uri);
    } catch (IllegalArgumentException e) {
      throw e instanceof InputException ie ? ie : new InputException(e.getMessage(), e);
    } catch (IOException e) {
      throw new InputException(uri + ": cannot read the NIfTI file (" + e.getMessage() + ")", e);
    }
  }

  /** The next volume of a reader, content errors as InputExceptions. */
  public static double[] nextVolume(NiftiReader reader, String uri) {
    try {
      return reader.nextVolume();
    } catch (IllegalArgumentException e) {
      throw e instanceof InputException ie ? ie : new InputException(e.getMessage(), e);
    } catch (IOException e) {
      throw new InputException(uri + ": cannot read the NIfTI file (" + e.getMessage() + ")", e);
    }
  }

  /** One 3-D volume (a mask, an atlas). */
  public static NiftiVolume volume(Configuration conf, String uri) {
    try (InputStream in = InputPaths.fileSystem(conf, uri).open(new Path(uri))) {
      return NiftiReader.readVolume(in, uri);
    } catch (IllegalArgumentException e) {
      throw e instanceof InputException ie ? ie : new InputException(e.getMessage(), e);
    } catch (IOException e) {
      throw new InputException(uri + ": cannot read the NIfTI file (" + e.getMessage() + ")", e);
    }
  }

  /** A label table (TSV/CSV: label, name). */
  public static LabelTable labels(Configuration conf, String uri) {
    try (InputStream in = InputPaths.fileSystem(conf, uri).open(new Path(uri))) {
      return LabelTable.read(in, uri);
    } catch (IllegalArgumentException e) {
      throw e instanceof InputException ie ? ie : new InputException(e.getMessage(), e);
    } catch (IOException e) {
      throw new InputException(uri + ": cannot read the label table (" + e.getMessage() + ")",
          e);
    }
  }

  /** Content errors of the core's brain classes as InputExceptions. */
  public static InputException asInput(IllegalArgumentException e) {
    return e instanceof InputException ie ? ie : new InputException(e.getMessage(), e);
  }
}
