package org.mlem.jobs.report;

import java.util.List;
import java.util.Map;

/**
 * Builds one self-contained HTML5 page: inline CSS, headings, paragraphs, tables, figures given
 * as inline SVG, and relative links only. Every text is escaped; nothing refers outside the file.
 */
public final class HtmlPage {
  private static final String CSS = String.join("\n",
      "body{font-family:sans-serif;margin:0 auto;max-width:1180px;padding:16px 24px;"
          + "color:#222;background:#fff;line-height:1.4}",
      "h1{font-size:1.6em;border-bottom:2px solid #4a6fa5;padding-bottom:4px}",
      "h2{font-size:1.25em;margin-top:1.6em;color:#2c4a75}",
      "h3{font-size:1.05em;margin-top:1.2em}",
      "figure{margin:12px 0;overflow-x:auto}",
      "figure svg{max-width:100%;height:auto;display:block}",
      "figcaption{font-size:.9em;color:#555;margin-top:4px}",
      "table{border-collapse:collapse;margin:8px 0;font-size:.9em}",
      "th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}",
      "th{background:#eef2f8}",
      "td.num{text-align:right;font-variant-numeric:tabular-nums}",
      "td.wrap{max-width:520px;word-break:break-all}",
      ".note{color:#7a4b00;background:#fff6e0;border-left:4px solid #e0a800;padding:4px 8px}",
      ".failed{color:#a00}",
      ".howto{background:#f3f6fb;border:1px solid #c9d6ea;border-radius:4px;padding:6px 12px;"
          + "margin:6px 0 18px;font-size:.9em}",
      ".howto ul{margin:4px 0;padding-left:20px}",
      ".grid{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}",
      "footer{margin-top:2em;font-size:.8em;color:#777}");

  private final StringBuilder body = new StringBuilder();
  private final String title;

  /** @param title the page title and top heading */
  public HtmlPage(String title) {
    this.title = title;
    body.append("<h1>").append(escape(title)).append("</h1>\n");
  }

  /** Escapes text for HTML content and attribute values. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A section heading (h2) with an id for in-page reference. */
  public HtmlPage section(String id, String heading) {
    body.append("<h2 id=\"").append(escape(id)).append("\">").append(escape(heading))
        .append("</h2>\n");
    return this;
  }

  /** A sub-heading (h3). */
  public HtmlPage subsection(String heading) {
    body.append("<h3>").append(escape(heading)).append("</h3>\n");
    return this;
  }

  /** A paragraph of plain text. */
  public HtmlPage paragraph(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  /** A highlighted note (e.g. why a figure is missing). */
  public HtmlPage note(String text) {
    body.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
    return this;
  }

  /** A figure: inline SVG markup (from {@link SvgCharts}) and a caption. */
  public HtmlPage figure(String svg, String caption) {
    body.append("<figure>").append(svg).append("<figcaption>").append(escape(caption))
        .append("</figcaption></figure>\n");
    return this;
  }

  /**
   * A "How to read this" box for the figure or table above it: a heading and one item per
   * point (what a unit, an interaction, a score or a band is).
   */
  public HtmlPage howToRead(List<String> items) {
    body.append("<div class=\"howto\"><strong>How to read this</strong><ul>");
    for (String item : items) {
      body.append("<li>").append(escape(item)).append("</li>");
    }
    body.append("</ul></div>\n");
    return this;
  }

  /** Raw markup built by this package (tables, links); never user text. */
  HtmlPage raw(String html) {
    body.append(html).append('\n');
    return this;
  }

  /** A table with a header row; cells are escaped text ({@link Cell} for links/classes). */
  public HtmlPage table(String id, List<String> header, List<List<Object>> rows) {
    body.append(tableHtml(id, header, rows));
    return this;
  }

  /** A two-column key/value table. */
  public HtmlPage keyValues(String id, String keyHeader, Map<String, ?> values) {
    StringBuilder sb = new StringBuilder();
    sb.append("<table id=\"").append(escape(id)).append("\"><thead><tr><th>")
        .append(escape(keyHeader)).append("</th><th>value</th></tr></thead><tbody>\n");
    for (Map.Entry<String, ?> e : values.entrySet()) {
      sb.append("<tr><td>").append(escape(e.getKey())).append("</td>")
          .append(cell(e.getValue())).append("</tr>\n");
    }
    sb.append("</tbody></table>\n");
    body.append(sb);
    return this;
  }

  /** The whole document. */
  public String html() {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + escape(title) + "</title>\n<style>\n" + CSS + "\n</style></head>\n<body>\n"
        + body + "<footer>Generated by mlem report. Self-contained: no scripts, fonts or "
        + "images are loaded from anywhere.</footer>\n</body></html>\n";
  }

  static String tableHtml(String id, List<String> header, List<List<Object>> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("<table id=\"").append(escape(id)).append("\"><thead><tr>");
    for (String h : header) {
      sb.append("<th>").append(escape(h)).append("</th>");
    }
    sb.append("</tr></thead><tbody>\n");
    for (List<Object> row : rows) {
      sb.append("<tr>");
      for (Object v : row) {
        sb.append(cell(v));
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody></table>\n");
    return sb.toString();
  }

  private static String cell(Object v) {
    if (v instanceof Cell c) {
      return c.html();
    }
    if (v instanceof Double d) {
      return "<td class=\"num\">" + Format.number(d) + "</td>";
    }
    if (v instanceof Number n) {
      return "<td class=\"num\">" + escape(n.toString()) + "</td>";
    }
    String text = v == null ? "" : v.toString();
    return (text.length() > 60 ? "<td class=\"wrap\">" : "<td>") + escape(text) + "</td>";
  }

  /**
   * A table cell with markup: a relative link or a CSS class.
   *
   * @param text the visible text
   * @param href a relative link target, or null
   * @param cssClass a class name, or null
   */
  public record Cell(String text, String href, String cssClass) {
    /** Refuses absolute and protocol-relative links: a report refers only to its neighbours. */
    public Cell {
      if (href != null && (href.contains("://") || href.startsWith("//")
          || href.startsWith("/") || href.contains(":"))) {
        throw new IllegalArgumentException("report links must be relative, found '" + href + "'");
      }
    }

    String html() {
      String cls = cssClass == null ? "" : " class=\"" + escape(cssClass) + "\"";
      String content = href == null ? escape(text)
          : "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
      return "<td" + cls + ">" + content + "</td>";
    }
  }
}
