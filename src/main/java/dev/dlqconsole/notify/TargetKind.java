package dev.dlqconsole.notify;

/** How a target is spoken to: Slack's incoming-webhook JSON, or the console's own JSON, signed. */
public enum TargetKind {
    SLACK,
    JSON
}
