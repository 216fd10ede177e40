package dev.dlqconsole.base.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a person sees when a page fails: a plain sentence and a reference to quote, never a stack
 * trace or an exception's internals. The details go to the log under the same reference.
 */
@PermitAll
public class ErrorView extends VerticalLayout implements HasErrorParameter<Exception> {

    private static final Logger log = LoggerFactory.getLogger(ErrorView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        var reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Page {} failed (reference {})", event.getLocation().getPath(), reference, parameter.getException());
        removeAll();
        setId("error-view");
        addClassName("page");
        add(
                new H2("This page could not be shown"),
                new Paragraph("Something went wrong on our side. If it happens again, give this"
                        + " reference to whoever runs the console: " + reference + "."),
                new com.vaadin.flow.component.html.Anchor("", "Back to the overview"));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
