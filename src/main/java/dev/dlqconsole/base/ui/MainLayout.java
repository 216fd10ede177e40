package dev.dlqconsole.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** The frame around every view: the navigation built from the views' {@code @Menu} entries, and the user. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    MainLayout(AuthenticationContext authentication, List<DrawerSection> sections) {
        setPrimarySection(Section.DRAWER);
        addToDrawer(brand(), navigation());
        sections.forEach(section -> addToDrawer(section.create()));
        addToNavbar(new DrawerToggle(), userBox(authentication));
    }

    private static Div brand() {
        var mark = new Span("DLQ");
        mark.addClassName("brand-mark");
        var name = new Span("Console");
        name.addClassName("brand-name");
        var brand = new Div(mark, name);
        brand.addClassName("brand");
        return brand;
    }

    private static SideNav navigation() {
        var nav = new SideNav();
        nav.setId("main-nav");
        MenuConfiguration.getMenuEntries().forEach(entry -> nav.addItem(item(entry)));
        return nav;
    }

    private static SideNavItem item(MenuEntry entry) {
        return entry.icon() == null
                ? new SideNavItem(entry.title(), entry.path())
                : new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon()));
    }

    private static Div userBox(AuthenticationContext authentication) {
        var name = authentication.getPrincipalName().orElse("");
        var roles = authentication.getGrantedRoles();
        var role = roles.contains("ADMIN")
                ? "admin"
                : roles.contains("OPERATOR") ? "operator" : roles.contains("VIEWER") ? "viewer" : "";
        var who = new Span(name);
        who.setId("current-user");
        who.addClassName("user-name");
        var roleBadge = new Span(role);
        roleBadge.addClassName("role-badge");
        var logout = new Button("Sign out", new Icon(VaadinIcon.SIGN_OUT), click -> authentication.logout());
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        var box = new Div(who, roleBadge, logout);
        box.addClassName("user-box");
        return box;
    }
}
