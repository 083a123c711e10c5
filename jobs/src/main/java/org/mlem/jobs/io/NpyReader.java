package org.mlem.jobs.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a NumPy {@code .npy} file through Hadoop's {@code FileSystem.open} (any URI). Parses the
 * header itself: the magic string, format versions 1.0, 2.0 and 3.0, dtypes {@code f4}, {@code
 * f8}, {@code i4} and {@code i8} (little- or big-endian; integers converted), C or Fortran order,
 * a 1-D or 2-D shape ({@link #read(Configuration, String)}; arrays of higher rank for the
 * epochs of MEG windows and the members of an .npz, {@link #read(Configuration, String, int)}).
 */
final class NpyReader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpyReader() {}

  /** Reads the whole array, which must be 1-D or 2-D. */
  static NumericArray read(Configuration conf, String uri) {
    return read(conf, uri, 2);
  }

  /** Reads the whole array, of rank 1 to {@code maxRank}. */
  static NumericArray read(Configuration conf, String uri, int maxRank) {
    FileSystem fs = InputPaths.fileSystem(conf, uri);
    try (InputStream raw = fs.open(new Path(uri));
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
      return read(in, uri, fs.getFileStatus(new Path(uri)).getLen(), maxRank);
    } catch (EOFException e) {
      throw new InputException(uri + ": the .npy file ends before all values declared in its"
          + " header were read; the file is truncated", e);
    } catch (IOException e) {
      throw new InputException(uri + ": cannot read the .npy file (" + e.getMessage() + ")", e);
    }
  }

  static NumericArray read(DataInputStream in, String uri) throws IOException {
    return read(in, uri, -1, 2);
  }

  /**
   * @param fileBytes the file's length, checked against the header's shape before the values
   *     are allocated, or -1 when unknown
   */
  static NumericArray read(DataInputStream in, String uri, long fileBytes, int maxRank)
      throws IOException {
    byte[] magic = new byte[MAGIC.length];
    in.readFully(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new InputException(uri + ": not a NumPy .npy file (the magic string \\x93NUMPY is"
          + " missing); save it with numpy.save");
    }
    int major = in.readUnsignedByte();
    int minor = in.readUnsignedByte();
    long headerLength;
    if (major == 1) {
      headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
    } else if (major == 2 || major == 3) {
      headerLength = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
    } else {
      throw new InputException(uri + ": .npy format version " + major + "." + minor
          + " is not supported; expected 1.0, 2.0 or 3.0");
    }
    if (headerLength > 1 << 20) {
      throw new InputException(uri + ": .npy header of " + headerLength + " bytes is implausible");
    }
    byte[] headerBytes = new byte[(int) headerLength];
    in.readFully(headerBytes);
    String header = new String(headerBytes,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    String descr = group(DESCR, header, "descr", uri);
    boolean fortran = group(FORTRAN, header, "fortran_order", uri).equals("True");
    int[] shape = shape(group(SHAPE, header, "shape", uri), uri, maxRank);
    Dtype dtype = Dtype.parse(descr, uri);
    long count = 1;
    for (int d : shape) {
      count *= d;
    }
    if (count * dtype.size > Integer.MAX_VALUE - 8) {
      throw new InputException(uri + ": .npy array of shape " + shapeText(shape)
          + " is too large to read on the driver (more than 2 GB)");
    }
    long headerEnd = (major == 1 ? 10 : 12) + headerLength;
    if (fileBytes >= 0 && headerEnd + count * dtype.size > fileBytes) {
      // checked before allocating: a tiny file must not claim gigabytes
      throw new InputException(uri + ": the .npy file ends before all values declared in its"
          + " header were read; the file is truncated");
    }
    byte[] bytes = new byte[(int) (count * dtype.size)];
    in.readFully(bytes);
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(dtype.order);
    double[] values = new double[(int) count];
    for (int k = 0; k < values.length; k++) {
      values[k] = switch (dtype.kind) {
        case 'f' -> dtype.size == 4 ? buffer.getFloat() : buffer.getDouble();
        default -> dtype.size == 4 ? buffer.getInt() : (double) buffer.getLong();
      };
    }
    if (fortran && shape.length >= 2) {
      values = fortranToC(values, shape);
    }
    return new NumericArray(shape, values);
  }

  /** Reorders values from Fortran (first index fastest) to C order (last index fastest). */
  static double[] fortranToC(double[] fortran, int[] shape) {
    double[] c = new double[fortran.length];
    int rank = shape.length;
    int[] index = new int[rank];
    for (int f = 0; f < fortran.length; f++) {
      int at = 0;
      for (int d = 0; d < rank; d++) {
        at = at * shape[d] + index[d];
      }
      c[at] = fortran[f];
      for (int d = 0; d < rank && ++index[d] == shape[d]; d++) {
        index[d] = 0;
      }
    }
    return c;
  }

  private static String group(Pattern pattern, String header, String key, String uri) {
    Matcher m = pattern.matcher(header);
    if (!m.find()) {
      throw new InputException(uri + ": the .npy header has no valid '" + key + "' entry: "
          + header.trim());
    }
    return m.group(1);
  }

  private static int[] shape(String text, String uri, int maxRank) {
    List<Integer> dims = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      if (!p.isEmpty()) {
        try {
          dims.add(Integer.parseInt(p.endsWith("L") ? p.substring(0, p.length() - 1) : p));
        } catch (NumberFormatException e) {
          throw new InputException(uri + ": the .npy shape (" + text + ") is not a list of"
              + " integers", e);
        }
      }
    }
    int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
    for (int d : shape) {
      if (d < 0) {
        throw new InputException(uri + ": the .npy shape (" + text.trim() + ") has a negative"
            + " dimension; the header is damaged (save the array again with numpy.save)");
      }
    }
    if (shape.length < 1 || shape.length > maxRank) {
      throw new InputException(uri + ": the .npy array has shape " + shapeText(shape)
          + (maxRank == 2 ? "; expected a 2-D array (stimuli x dimensions) or a 1-D condensed RDM"
          : "; expected at most " + maxRank + " dimensions"));
    }
    return shape;
  }

  static String shapeText(int[] shape) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      b.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return b.append(shape.length == 1 ? ",)" : ")").toString();
  }

  /** A supported dtype: kind 'f' or 'i', size 4 or 8, byte order. */
  private record Dtype(char kind, int size, ByteOrder order) {
    static Dtype parse(String descr, String uri) {
      if (descr.length() == 3 && "<>=|".indexOf(descr.charAt(0)) >= 0
          && (descr.charAt(1) == 'f' || descr.charAt(1) == 'i')
          && (descr.charAt(2) == '4' || descr.charAt(2) == '8')) {
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return new Dtype(descr.charAt(1), descr.charAt(2) - '0', order);
      }
      throw new InputException(uri + ": .npy dtype '" + descr + "' is not supported; expected"
          + " <f4, <f8, <i4 or <i8 (convert with array.astype(numpy.float32))");
    }
  }
}
