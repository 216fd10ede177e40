package dev.dlqconsole.runbook.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.dlqconsole.runbook.Runbook;
import dev.dlqconsole.runbook.RunbookLibrary;
import dev.dlqconsole.runbook.RunbookProblem;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * Every runbook the console serves, with what it applies to, and the files that did not load, so whoever
 * maintains the runbooks sees a broken one before an on-call engineer misses it.
 */
@Route("runbooks")
@PageTitle("Runbooks · DLQ Console")
@Menu(order = 40, icon = "vaadin:book", title = "Runbooks")
@PermitAll
public class RunbooksView extends VerticalLayout {

    /** Reason alternatives shown per runbook in the list; its page shows them all. */
    private static final int PATTERNS_SHOWN = 5;

    private final RunbookLibrary library;
    private final Span summary = new Span();
    private final Div problems = new Div();
    private final Div list = new Div();

    RunbooksView(RunbookLibrary library, AuthenticationContext authentication) {
        this.library = library;
        setId("runbooks-view");
        addClassName("page");
        setWidthFull();
        summary.setId("runbooks-summary");
        summary.addClassName("page-summary");
        var header = new HorizontalLayout(new H2("Runbooks"), summary);
        header.setWidthFull();
        header.setAlignItems(Alignment.BASELINE);
        header.expand(summary);
        if (authentication.hasAnyRole(Roles.ADMIN)) {
            var reload = new Button("Reload", new Icon(VaadinIcon.REFRESH), click -> {
                library.reload();
                refresh();
            });
            reload.setId("reload-runbooks");
            reload.setTooltipText("Read the runbook files again, after editing them");
            reload.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            header.add(reload);
        }
        problems.setId("runbook-problems");
        problems.addClassName("runbook-problems");
        list.setId("runbook-list");
        list.addClassName("runbook-list");
        add(header, problems, list);
        refresh();
    }

    private void refresh() {
        var runbooks = library.all();
        var found = library.problems();
        summary.setText(
                runbooks.size() + (runbooks.size() == 1 ? " runbook" : " runbooks") + " · pick one to read its steps");
        showProblems(found);
        list.removeAll();
        runbooks.forEach(runbook -> list.add(card(runbook)));
        if (runbooks.isEmpty()) {
            var none = new Span("No runbooks are loaded: the runbook folder holds no Markdown files that load.");
            none.addClassName("page-summary");
            list.add(none);
        }
    }

    private void showProblems(List<RunbookProblem> found) {
        problems.removeAll();
        problems.setVisible(!found.isEmpty());
        if (found.isEmpty()) {
            return;
        }
        var files = found.stream().map(RunbookProblem::file).distinct().count();
        var icon = new Icon(VaadinIcon.WRENCH);
        var headline =
                new Span(files == 1 ? "1 runbook file was not loaded" : files + " runbook files were not loaded");
        headline.addClassName("problems-headline");
        var why = new Span("Until they are fixed, nobody sees them here or beside a failure; the other runbooks"
                + " are not affected.");
        why.addClassName("problems-why");
        var top = new Div(icon, headline, why);
        top.addClassName("problems-top");
        problems.add(top);
        for (var problem : found) {
            var where = new Span(problem.line() == 0 ? problem.file() : problem.file() + ":" + problem.line());
            where.addClassName("problem-where");
            var line = new Div(where, new Span(problem.message()));
            line.addClassName("problem-line");
            problems.add(line);
        }
    }

    static String steps(Runbook runbook) {
        var count = runbook.steps().size();
        return count + (count == 1 ? " step" : " steps");
    }

    private static Component card(Runbook runbook) {
        var title = new RouterLink(runbook.title(), RunbookView.class, new RouteParameters("runbookId", runbook.id()));
        title.addClassName("runbook-title");
        var steps = new Span(steps(runbook));
        steps.addClassName("runbook-steps");
        var head = new Div(new SeverityBadge(runbook.severity()), title, steps);
        head.addClassName("runbook-card-head");
        var source = new Span(runbook.source());
        source.addClassName("runbook-source");
        var card = new Div(head, new AppliesTo(runbook, PATTERNS_SHOWN), source);
        card.setId("runbook-" + runbook.id());
        card.addClassName("runbook-card");
        return card;
    }
}
