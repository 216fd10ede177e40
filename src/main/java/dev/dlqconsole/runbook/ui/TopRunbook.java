package dev.dlqconsole.runbook.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.QueryParameters;
import dev.dlqconsole.runbook.Runbook;
import dev.dlqconsole.runbook.RunbookLibrary;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The most specific runbook for a failure seen on some DLQs, as one link with how many others apply: small
 * enough for a grid cell. The failure's own page lists them all with {@link ApplicableRunbooks}.
 */
public class TopRunbook extends Span {

    public TopRunbook(RunbookLibrary library, List<String> dlqNames, @Nullable String reason) {
        this(library, dlqNames, reason, QueryParameters.empty());
    }

    /**
     * @param context what the link carries to the runbook's page and on to an incident started from it
     *     (the failure group and its DLQ), so that nobody has to find them again
     */
    public TopRunbook(RunbookLibrary library, List<String> dlqNames, @Nullable String reason, QueryParameters context) {
        addClassName("top-runbook");
        var runbooks = library.applicableToAny(dlqNames, reason);
        if (runbooks.isEmpty()) {
            var none = new Span("none");
            none.addClassName("applicable-none");
            add(none);
            return;
        }
        var top = runbooks.getFirst();
        var link = ApplicableRunbooks.link(top);
        link.setQueryParameters(context);
        link.getElement().setAttribute("title", top.title());
        add(new SeverityBadge(top.severity()), link);
        if (runbooks.size() > 1) {
            var more = new Span("+" + (runbooks.size() - 1));
            more.addClassName("applies-more");
            more.setTitle("Also: "
                    + String.join(
                            ", ", runbooks.stream().skip(1).map(Runbook::title).toList()));
            add(more);
        }
    }
}
