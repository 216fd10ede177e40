package dev.dlqconsole.runbook;

/** One numbered step of a runbook; {@code html} is its body, already sanitised. */
public record RunbookStep(int number, String title, String html) {}
