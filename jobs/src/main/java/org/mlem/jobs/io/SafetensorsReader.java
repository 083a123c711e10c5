package org.mlem.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads {@code .safetensors} files (Hugging Face's format: an unsigned 64-bit little-endian
 * header length N, N bytes of UTF-8 JSON mapping each tensor's name to its {@code dtype},
 * {@code shape} and {@code data_offsets [begin, end)} relative to the end of the header, an
 * optional {@code __metadata__} entry, then the raw little-endian, C-order tensor bytes) through
 * Hadoop's {@code FileSystem.open} (any URI). Data types F64, F32, F16, BF16, I64, I32, I16, I8
 * and U8 are read (as doubles); others are refused by name.
 */
final class SafetensorsReader {
  /** The largest JSON header accepted (the format's own limit is 100 MB). */
  private static final long MAX_HEADER = 100L << 20;

  private SafetensorsReader() {}

  /** One tensor's entry in the header. */
  record Tensor(String name, String dtype, int[] shape, long begin, long end) {}

  /** The tensors' names, in the header's order (metadata excluded). */
  static List<String> members(Configuration conf, String uri) {
    List<String> names = new ArrayList<>();
    for (Tensor t : header(conf, uri).tensors) {
      names.add(t.name());
    }
    if (names.isEmpty()) {
      throw new InputException(uri + ": the .safetensors file holds no tensor");
    }
    return names;
  }

  /**
   * Reads one tensor.
   *
   * @param member its name, or null for the only one
   * @throws InputException when it is missing (naming those present), of an unsupported dtype,
   *     or when the file ends before its bytes
   */
  static NumericArray read(Configuration conf, String uri, String member) {
    Header header = header(conf, uri);
    Tensor tensor = null;
    List<String> names = new ArrayList<>();
    for (Tensor t : header.tensors) {
      names.add(t.name());
      if (t.name().equals(member)) {
        tensor = t;
      }
    }
    if (member == null) {
      if (header.tensors.size() != 1) {
        throw new InputException(uri + ": the .safetensors file holds " + names.size()
            + " tensors (" + String.join(", ", names) + "); name the one to use");
      }
      tensor = header.tensors.get(0);
    }
    if (tensor == null) {
      throw new InputException(uri + ": the .safetensors file has no tensor '" + member
          + "'; tensors in it: " + String.join(", ", names));
    }
    int size = dtypeBytes(tensor.dtype(), uri, tensor.name());
    long count = 1;
    for (int d : tensor.shape()) {
      count *= d;
    }
    if (tensor.end() - tensor.begin() != count * size) {
      throw new InputException(uri + ": tensor '" + tensor.name() + "' has data_offsets ["
          + tensor.begin() + ", " + tensor.end() + ") for " + count + " values of " + size
          + " bytes; the header is damaged");
    }
    long dataStart = 8 + header.length;
    if (dataStart + tensor.end() > header.fileBytes) {
      throw new InputException(uri + ": tensor '" + tensor.name() + "' needs bytes up to "
          + (dataStart + tensor.end()) + " but the file has " + header.fileBytes
          + "; the file is truncated");
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw new InputException(uri + ": tensor '" + tensor.name() + "' is too large to read"
          + " on the driver");
    }
    byte[] bytes = new byte[(int) (count * size)];
    FileSystem fs = InputPaths.fileSystem(conf, uri);
    try (InputStream raw = fs.open(new Path(uri));
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
      in.skipNBytes(dataStart + tensor.begin());
      in.readFully(bytes);
    } catch (EOFException e) {
      throw new InputException(uri + ": the .safetensors file ends inside tensor '"
          + tensor.name() + "'; the file is truncated", e);
    } catch (IOException e) {
      throw new InputException(uri + ": cannot read the .safetensors file (" + e.getMessage()
          + ")", e);
    }
    return new NumericArray(tensor.shape(), decode(bytes, tensor.dtype(), (int) count));
  }

  private static double[] decode(byte[] bytes, String dtype, int count) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    double[] v = new double[count];
    for (int k = 0; k < count; k++) {
      v[k] = switch (dtype) {
        case "F64" -> b.getDouble();
        case "F32" -> b.getFloat();
        case "F16" -> halfToFloat(b.getShort());
        case "BF16" -> Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
        case "I64" -> (double) b.getLong();
        case "I32" -> b.getInt();
        case "I16" -> b.getShort();
        case "I8" -> b.get();
        case "U8" -> b.get() & 0xFF;
        default -> throw new IllegalStateException(dtype);
      };
    }
    return v;
  }

  /** IEEE 754 binary16 to float (exact). */
  static float halfToFloat(short half) {
    int bits = half & 0xFFFF;
    int sign = (bits >>> 15) << 31;
    int exponent = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f;
      return sign != 0 ? -magnitude : magnitude;
    }
    if (exponent == 31) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
  }

  private static int dtypeBytes(String dtype, String uri, String name) {
    return switch (dtype) {
      case "F64", "I64" -> 8;
      case "F32", "I32" -> 4;
      case "F16", "BF16", "I16" -> 2;
      case "I8", "U8" -> 1;
      default -> throw new InputException(uri + ": tensor '" + name + "' has dtype " + dtype
          + ", which is not supported; expected F64, F32, F16, BF16, I64, I32, I16, I8 or U8");
    };
  }

  private record Header(long length, long fileBytes, List<Tensor> tensors) {}

  private static Header header(Configuration conf, String uri) {
    FileSystem fs = InputPaths.fileSystem(conf, uri);
    try (InputStream raw = fs.open(new Path(uri));
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
      long fileBytes = fs.getFileStatus(new Path(uri)).getLen();
      long length = Long.reverseBytes(in.readLong());
      if (length <= 0 || length > MAX_HEADER || 8 + length > fileBytes) {
        throw new InputException(uri + ": not a .safetensors file or truncated (its first 8"
            + " bytes give a header of " + Long.toUnsignedString(length) + " bytes; the file has "
            + fileBytes + ")");
      }
      byte[] json = new byte[(int) length];
      in.readFully(json);
      JsonNode root;
      try {
        root = new ObjectMapper().readTree(new String(json, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new InputException(uri + ": the .safetensors header is not JSON ("
            + e.getMessage() + ")", e);
      }
      if (root == null || !root.isObject()) {
        throw new InputException(uri + ": the .safetensors header is not a JSON object");
      }
      List<Tensor> tensors = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("__metadata__")) {
          continue;
        }
        tensors.add(tensor(uri, e.getKey(), e.getValue()));
      }
      return new Header(length, fileBytes, tensors);
    } catch (EOFException e) {
      throw new InputException(uri + ": the .safetensors file is truncated inside its header",
          e);
    } catch (IOException e) {
      throw new InputException(uri + ": cannot read the .safetensors file (" + e.getMessage()
          + ")", e);
    }
  }

  private static Tensor tensor(String uri, String name, JsonNode node) {
    JsonNode dtype = node.get("dtype");
    JsonNode shape = node.get("shape");
    JsonNode offsets = node.get("data_offsets");
    if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray()
        || offsets == null || !offsets.isArray() || offsets.size() != 2) {
      throw new InputException(uri + ": tensor '" + name + "' in the .safetensors header lacks"
          + " dtype, shape or data_offsets [begin, end]");
    }
    int[] dims = new int[shape.size()];
    for (int d = 0; d < dims.length; d++) {
      long v = shape.get(d).asLong(-1);
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw new InputException(uri + ": tensor '" + name + "' has a bad shape " + shape);
      }
      dims[d] = (int) v;
    }
    long begin = offsets.get(0).asLong(-1);
    long end = offsets.get(1).asLong(-1);
    if (begin < 0 || end < begin) {
      throw new InputException(uri + ": tensor '" + name + "' has bad data_offsets " + offsets);
    }
    return new Tensor(name, dtype.asText(), dims, begin, end);
  }
}
