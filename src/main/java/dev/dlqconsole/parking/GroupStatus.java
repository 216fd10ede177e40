package dev.dlqconsole.parking;

import java.util.Locale;

/**
 * Where people stand with a failure group. New, investigating and fix deployed are open; replayed and
 * ignored are closed until a new message joins the group, which reopens it.
 */
public enum GroupStatus {
    NEW("New"),
    INVESTIGATING("Investigating"),
    FIX_DEPLOYED("Fix deployed"),
    REPLAYED("Replayed"),
    IGNORED("Ignored");

    private final String label;

    GroupStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean open() {
        return this != REPLAYED && this != IGNORED;
    }

    public String cssName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
