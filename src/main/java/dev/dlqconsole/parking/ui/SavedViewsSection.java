package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.shared.Registration;
import dev.dlqconsole.base.ui.DrawerSection;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.parking.SavedView;
import dev.dlqconsole.parking.SavedViews;

/** The drawer's "Saved views": the user's own and the team's, each with how many messages it matches now. */
@org.springframework.stereotype.Component
class SavedViewsSection implements DrawerSection {

    /** Counts in the menu stop here: enough to tell a quiet view from a busy one, cheap on a million rows. */
    static final int COUNT_CAP = 1_000;
    /** Views the menu lists; the rest wait in the Messages view's list. */
    static final int SHOWN = 15;

    private final SavedViews views;
    private final ParkingService parking;

    SavedViewsSection(SavedViews views, ParkingService parking) {
        this.views = views;
        this.parking = parking;
    }

    @Override
    public com.vaadin.flow.component.Component create() {
        return new Menu();
    }

    /** Redrawn after every navigation: a view saved or deleted shows at once, with fresh counts. */
    private final class Menu extends Composite<Div> {

        private final SideNav nav = new SideNav("Saved views");
        private Registration navigation;

        Menu() {
            nav.setId("saved-views-nav");
            nav.setCollapsible(true);
            getContent().addClassName("saved-views");
            getContent().add(nav);
        }

        @Override
        protected void onAttach(AttachEvent attach) {
            navigation = attach.getUI().addAfterNavigationListener(after -> redraw());
            redraw();
        }

        @Override
        protected void onDetach(com.vaadin.flow.component.DetachEvent detach) {
            if (navigation != null) {
                navigation.remove();
            }
        }

        private void redraw() {
            nav.removeAll();
            var visible = views.visible();
            getContent().setVisible(!visible.isEmpty());
            visible.stream().limit(SHOWN).forEach(view -> nav.addItem(item(view)));
        }

        private SideNavItem item(SavedView view) {
            var item = new SideNavItem(
                    view.name(), "views/" + view.id(), new Icon(view.shared() ? VaadinIcon.USERS : VaadinIcon.FILTER));
            var filter = MessageFilters.fromQuery(QueryParameters.fromString(view.query()));
            var n = parking.count(filter, COUNT_CAP);
            var count = new Span(n >= COUNT_CAP ? String.format("%,d+", COUNT_CAP) : String.format("%,d", n));
            count.addClassName("saved-view-count");
            item.setSuffixComponent(count);
            item.getElement()
                    .setAttribute(
                            "title",
                            (view.shared() ? "Shared by " + view.owner() : "Yours") + " · " + filter.describe());
            item.setId("saved-view-" + view.id());
            return item;
        }
    }
}
