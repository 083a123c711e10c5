package org.mlem.jobs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * CSV formula injection (issue 13, attack 9): text a spreadsheet would run as a formula gets
 * OWASP's single-quote prefix and quotes; numbers, and text that is a plain number, stay as
 * they are. Expected strings written by hand from OWASP's "CSV Injection" page.
 */
class CsvTextTest {
  @Test
  void formulaTextIsPrefixedAndQuoted() {
    assertEquals("\"'=SUM(A1:A9)\"", CsvText.field("=SUM(A1:A9)"));
    assertEquals("\"'+cmd\"", CsvText.field("+cmd"));
    assertEquals("\"'-2+3\"", CsvText.field("-2+3"));
    assertEquals("\"'@SUM(1)\"", CsvText.field("@SUM(1)"));
    assertEquals("\"'\tx\"", CsvText.field("\tx"));
    assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", CsvText.field("=HYPERLINK(\"http://x\")"));
    assertEquals("\"''quoted\"", CsvText.field("'quoted"));
  }

  @Test
  void numbersStayNumbers() {
    assertEquals("-0.5", CsvText.field(-0.5));
    assertEquals("-0.5", CsvText.field("-0.5"));
    assertEquals("+3", CsvText.field("+3"));
    assertEquals("-1.5E-7", CsvText.field("-1.5E-7"));
    assertEquals("-3", CsvText.field(-3));
    assertEquals("plain", CsvText.field("plain"));
    assertEquals("a:b", CsvText.field("a:b"));
  }
}
