package dev.dlqconsole.security;

/**
 * The console's roles, each including the ones below it: viewers browse, operators replay, discard
 * and run incidents, admins force, unmask and configure.
 */
public final class Roles {

    public static final String VIEWER = "VIEWER";
    public static final String OPERATOR = "OPERATOR";
    public static final String ADMIN = "ADMIN";

    private Roles() {}
}
