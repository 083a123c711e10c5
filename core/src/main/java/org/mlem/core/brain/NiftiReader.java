package org.mlem.core.brain;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a NIfTI-1 or NIfTI-2 single-file image ({@code .nii}, or gzip-compressed {@code .nii.gz},
 * told apart by the gzip magic, not the name) from a stream, one 3-D volume at a time: the header
 * ({@link NiftiHeader}), the extensions skipped up to {@code vox_offset}, then the voxels in the
 * file's order (i fastest, then j, then k; volume after volume), each value converted to double
 * and scaled by {@code scl_slope * v + scl_inter} when the slope is neither 0 nor NaN (as nibabel
 * does). A file that ends before its declared voxels is refused, naming the volume.
 *
 * <p>Not thread-safe; the caller closes it (closing the stream it was given).
 */
public final class NiftiReader implements Closeable {
  private final DataInputStream in;
  private final String source;
  private final NiftiHeader header;
  private final int volumes;
  private int read;

  private NiftiReader(DataInputStream in, String source, NiftiHeader header) {
    this.in = in;
    this.source = source;
    this.header = header;
    this.volumes = header.volumes(source);
    if (header.voxelsPerVolume() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(source + ": a NIfTI volume of " + header.shapeText()
          + " voxels is too large to read");
    }
  }

  /**
   * Reads the header and positions the stream at the first voxel.
   *
   * @param stream the file's bytes (plain or gzip); closed by {@link #close()}
   * @param source the file, named in messages
   * @throws IllegalArgumentException when the header is not a supported NIfTI header, or the file
   *     ends inside it
   * @throws IOException when the stream fails
   */
  public static NiftiReader open(InputStream stream, String source) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(stream, 1 << 16);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    InputStream raw = buffered;
    if (b0 == 0x1f && b1 == 0x8b) {
      raw = new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
    }
    DataInputStream in = new DataInputStream(raw);
    try {
      byte[] first = new byte[4];
      in.readFully(first);
      int size = NiftiHeader.headerBytes(first, source);
      byte[] bytes = new byte[size];
      System.arraycopy(first, 0, bytes, 0, 4);
      in.readFully(bytes, 4, size - 4);
      NiftiHeader header = NiftiHeader.parse(bytes, source);
      in.skipNBytes(header.voxOffset() - size);
      return new NiftiReader(in, source, header);
    } catch (EOFException e) {
      in.close();
      throw new IllegalArgumentException(source + ": the file ends inside its NIfTI header"
          + " (before the voxel data); the file is truncated or not NIfTI", e);
    } catch (IllegalArgumentException | IOException e) {
      in.close();
      throw e;
    }
  }

  /** The header. */
  public NiftiHeader header() {
    return header;
  }

  /** The image's affine ({@link Affine#of}). */
  public Affine affine() {
    return Affine.of(header);
  }

  /** Volumes in the file (1 for a 3-D image). */
  public int volumes() {
    return volumes;
  }

  /** Voxels along i, j, k. */
  public int[] shape() {
    return header.spatialShape();
  }

  /**
   * The next volume's voxels, scaled, flat with i fastest ({@code i + ni * (j + nj * k)}).
   *
   * @throws IllegalArgumentException when every volume has been read or the file ends inside
   *     this one (truncated)
   * @throws IOException when the stream fails
   */
  public double[] nextVolume() throws IOException {
    if (read >= volumes) {
      throw new IllegalStateException(source + ": all " + volumes + " volumes were read");
    }
    int n = (int) header.voxelsPerVolume();
    int bytes = header.datatype().bytes();
    byte[] raw = new byte[n * bytes];
    try {
      in.readFully(raw);
    } catch (EOFException e) {
      throw new IllegalArgumentException(source + ": the file ends inside volume " + read
          + " of " + volumes + " (each " + n + " voxels of " + bytes + " bytes from vox_offset "
          + header.voxOffset() + "); the file is truncated, copy it again", e);
    }
    read++;
    ByteBuffer buffer = ByteBuffer.wrap(raw).order(header.order());
    double[] values = new double[n];
    NiftiDatatype type = header.datatype();
    boolean scaled = header.scaled();
    double slope = header.sclSlope();
    double inter = Double.isFinite(header.sclInter()) ? header.sclInter() : 0;
    for (int v = 0; v < n; v++) {
      double x = type.read(buffer);
      values[v] = scaled ? x * slope + inter : x;
    }
    return values;
  }

  /**
   * Reads a whole 3-D image (a mask, an atlas, one stimulus's volume).
   *
   * @throws IllegalArgumentException when it is not 3-D (a 4-D file of one volume is accepted),
   *     or on any bad content
   * @throws IOException when the stream fails
   */
  public static NiftiVolume readVolume(InputStream stream, String source) throws IOException {
    try (NiftiReader reader = open(stream, source)) {
      if (reader.volumes() != 1) {
        throw new IllegalArgumentException(source + ": expected one 3-D volume, found a 4-D"
            + " series of " + reader.volumes() + " volumes " + reader.header().shapeText());
      }
      return new NiftiVolume(source, reader.shape(), reader.affine(), reader.nextVolume());
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
