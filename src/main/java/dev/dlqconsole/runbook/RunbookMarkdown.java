package dev.dlqconsole.runbook;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Markdown to HTML that is safe to put on a page. Runbooks are files anyone with access to the folder or the
 * repository can edit, so raw HTML in them is allowed through CommonMark and then cut down by jsoup's relaxed
 * safelist: no scripts, event handlers or {@code javascript:} links survive.
 */
final class RunbookMarkdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    // Parser and renderers are immutable and thread-safe, so one of each serves every reload.
    private final Parser parser = Parser.builder()
            .extensions(EXTENSIONS)
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();
    private final HtmlRenderer html =
            HtmlRenderer.builder().extensions(EXTENSIONS).sanitizeUrls(true).build();

    // Links open beside the console (an on-call engineer must not lose the incident page) and give the
    // target no handle on it; align keeps the column alignment of GFM tables.
    private final Safelist safelist = Safelist.relaxed()
            .addEnforcedAttribute("a", "rel", "noopener noreferrer")
            .addEnforcedAttribute("a", "target", "_blank")
            .addAttributes("th", "align")
            .addAttributes("td", "align");

    // No pretty printing: it would re-indent the HTML, and the output goes to a page, not to a person.
    private final Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);

    /** The document, with the source line of each block (for problems that name a line). */
    Node parse(String markdown) {
        return parser.parse(markdown);
    }

    /** The blocks rendered one after another, then sanitised. */
    String safeHtml(List<Node> blocks) {
        var rendered = new StringBuilder();
        blocks.forEach(block -> html.render(block, rendered));
        return Jsoup.clean(rendered.toString(), "", safelist, output).strip();
    }

    /**
     * A heading's text without its Markdown, for titles shown as plain text. Collected by hand because
     * CommonMark's text renderer wraps inline code in quotes, and "Free space with `rm`" should read as written.
     */
    String plainText(Node node) {
        var text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text literal) {
                text.append(literal.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak lineBreak) {
                text.append(' ');
            }

            @Override
            public void visit(HardLineBreak lineBreak) {
                text.append(' ');
            }
        });
        return text.toString().strip();
    }
}
