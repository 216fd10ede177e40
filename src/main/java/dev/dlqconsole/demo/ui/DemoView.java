package dev.dlqconsole.demo.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.dlqconsole.demo.DemoService;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.RolesAllowed;

/** The demo's switch: end the simulated inventory-service outage, then replay the timeouts. */
@Route("demo")
@PageTitle("Demo · DLQ Console")
@Menu(order = 95, icon = "vaadin:flask", title = "Demo")
@RolesAllowed(Roles.ADMIN)
public class DemoView extends VerticalLayout {

    DemoView(DemoService demo) {
        setId("demo-view");
        addClassName("page");
        add(new H2("Demo"));
        var outage = demo.downstreamOutage();
        if (outage.isEmpty()) {
            add(new Paragraph("The demo workload is off (dlq-console.demo.enabled=false)."));
            return;
        }
        var toggle = new Checkbox("inventory-service is down (half of all valid messages time out)", outage.get());
        toggle.setId("demo-outage");
        toggle.addValueChangeListener(e -> demo.setDownstreamOutage(e.getValue()));
        add(
                new Paragraph("The demo's consumers fail two ways. Defective payloads (an unknown currency, a missing"
                        + " customer, a negative amount, an unknown template or country) fail every time. Timeouts"
                        + " from inventory-service fail only while this outage lasts: switch it off, then replay"
                        + " the “Read timed out” failure group and watch those messages go through, while a"
                        + " replay of a defective group comes straight back."),
                toggle);
    }
}
