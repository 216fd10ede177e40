package dev.dlqconsole.base.ui;

import com.vaadin.flow.component.Component;

/**
 * A part of the navigation drawer that a feature adds below the main menu (saved views), as a bean:
 * the frame knows nothing of the feature. {@link #create()} makes a fresh component for each UI.
 */
public interface DrawerSection {

    Component create();
}
