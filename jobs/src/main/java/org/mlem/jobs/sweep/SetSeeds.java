package org.mlem.jobs.sweep;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.mlem.core.pairs.PositionalRandom;

/**
 * The seed of one set of a sweep: {@code PositionalRandom.mix(runSeed, nameHash(name))} where
 * {@code nameHash} is the first 8 bytes of the SHA-256 of the set name's UTF-8 bytes, read as a
 * big-endian long. It depends on the run seed and the name only, never on the set's position or
 * on what else is swept, so a set gives the same result alone, in any order or concurrently, and
 * {@code mlem fit --seed <that seed>} on the same set reproduces it.
 */
public final class SetSeeds {
  private SetSeeds() {}

  /**
   * The first 8 bytes of SHA-256(UTF-8 name), big-endian.
   *
   * @param name the set name, e.g. "layer=3"
   */
  public static long nameHash(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(name.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The seed of the set called {@code name} in a sweep with run seed {@code runSeed}.
   *
   * @param runSeed the sweep's {@code --seed}
   * @param name the set name
   */
  public static long seedOf(long runSeed, String name) {
    return PositionalRandom.mix(runSeed, nameHash(name));
  }
}
