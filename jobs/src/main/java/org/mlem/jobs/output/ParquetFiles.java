package org.mlem.jobs.output;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes one Snappy-compressed Parquet part file without Spark: the outputs of runs that do not
 * need a Spark job for it (the in-process engine's tables, a sweep's combined table), with the
 * column types Spark gives the same data (UTF-8 strings, int32, double, array&lt;float&gt; as a
 * three-level list; a nullable column is optional, a null cell absent), so Spark, pandas and the
 * report read them alike. Written through
 * the given FileSystem, whose checksum setting is honoured (no .crc files beside user outputs).
 */
public final class ParquetFiles {
  private ParquetFiles() {}

  /**
   * The schema of string, integer and double columns.
   *
   * @param columns column names, in order
   * @param types String, Integer, Double or float[] (Spark's array&lt;float&gt;) per column
   * @param required the columns that never hold null (the others are optional)
   */
  public static MessageType schema(List<String> columns, List<Class<?>> types,
      Set<String> required) {
    Types.MessageTypeBuilder builder = Types.buildMessage();
    for (int c = 0; c < columns.size(); c++) {
      String name = columns.get(c);
      Class<?> type = types.get(c);
      org.apache.parquet.schema.Type.Repetition repetition = required.contains(name)
          ? org.apache.parquet.schema.Type.Repetition.REQUIRED
          : org.apache.parquet.schema.Type.Repetition.OPTIONAL;
      if (type == String.class) {
        builder.primitive(PrimitiveTypeName.BINARY, repetition)
            .as(LogicalTypeAnnotation.stringType()).named(name);
      } else if (type == Integer.class) {
        builder.primitive(PrimitiveTypeName.INT32, repetition).named(name);
      } else if (type == Double.class) {
        builder.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
      } else if (type == float[].class) {
        // Spark's layout of array<float> without null elements: a three-level LIST
        builder.group(repetition).as(LogicalTypeAnnotation.listType())
            .repeatedGroup().required(PrimitiveTypeName.FLOAT).named("element")
            .named("list").named(name);
      } else {
        throw new IllegalArgumentException(
            "column " + name + " has an unsupported type " + type.getSimpleName());
      }
    }
    return builder.named("spark_schema");
  }

  /**
   * Writes {@code rows} (one value per schema field, in order: String, Integer, Double,
   * float[] or null for an optional field) to a new file.
   *
   * @throws IOException when the file exists or cannot be written
   */
  public static void write(FileSystem fs, Configuration conf, MessageType schema,
      List<Object[]> rows, Path file) throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(outputFile(fs, file))
        .withType(schema).withConf(conf).withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.CREATE).build()) {
      for (Object[] row : rows) {
        Group g = groups.newGroup();
        for (int c = 0; c < row.length; c++) {
          String name = schema.getFieldName(c);
          if (row[c] instanceof String text) {
            g.append(name, Binary.fromString(text));
          } else if (row[c] instanceof Integer i) {
            g.append(name, i);
          } else if (row[c] instanceof float[] vector) {
            Group list = g.addGroup(name);
            for (float v : vector) {
              list.addGroup("list").append("element", v);
            }
          } else if (row[c] != null) { // a null cell of an optional column is left absent
            g.append(name, (Double) row[c]);
          }
        }
        writer.write(g);
      }
    }
  }

  private static OutputFile outputFile(FileSystem fs, Path path) {
    return new OutputFile() {
      @Override
      public PositionOutputStream create(long blockSizeHint) throws IOException {
        return stream(fs.create(path, false));
      }

      @Override
      public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return stream(fs.create(path, true));
      }

      @Override
      public boolean supportsBlockSize() {
        return false;
      }

      @Override
      public long defaultBlockSize() {
        return 0;
      }
    };
  }

  private static PositionOutputStream stream(FSDataOutputStream out) {
    return new PositionOutputStream() {
      @Override
      public long getPos() throws IOException {
        return out.getPos();
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }
}
