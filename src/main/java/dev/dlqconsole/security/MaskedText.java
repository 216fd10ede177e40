package dev.dlqconsole.security;

/** Text with its sensitive values replaced by {@link SensitiveValues#MARKER}, and how many were. */
public record MaskedText(String text, int masked) {}
