package dev.dlqconsole.security.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;

/** Where an OpenID Connect login that was refused lands: what went wrong, and a way to try again. */
@Route(value = AccessRefusedView.ROUTE, autoLayout = false)
@PageTitle("No access · DLQ Console")
@AnonymousAllowed
public class AccessRefusedView extends VerticalLayout {

    public static final String ROUTE = "access-refused";

    AccessRefusedView() {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        var reason = new Paragraph(reason());
        reason.setId("access-refused");
        var again = new Anchor("/", "Sign in again");
        var card = new Div(new H1("No access to DLQ Console"), reason, again);
        card.addClassName("login-card");
        add(card);
    }

    /** Spring Security keeps the failure in the session for the page it redirects to. */
    private static String reason() {
        var request = VaadinServletRequest.getCurrent();
        var session = request == null ? null : request.getHttpServletRequest().getSession(false);
        var failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        return failure instanceof AuthenticationException e && e.getMessage() != null
                ? e.getMessage()
                : "The sign-in did not give you access: your groups give you no role here, or the identity"
                        + " provider refused the sign-in.";
    }
}
