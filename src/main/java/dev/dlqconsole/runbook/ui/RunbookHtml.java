package dev.dlqconsole.runbook.ui;

import com.vaadin.flow.component.html.Div;

/**
 * A runbook's summary or step body. Setting it as HTML is safe only because {@code RunbookMarkdown} has already
 * passed it through jsoup's safelist when the runbook was loaded: no scripts, handlers or {@code javascript:}
 * links reach this point.
 */
public final class RunbookHtml extends Div {

    public RunbookHtml(String sanitisedHtml) {
        addClassName("runbook-html");
        getElement().setProperty("innerHTML", sanitisedHtml);
    }
}
