package dev.switchboard.app.connections;

/**
 * A started connection's consent settings ({@code withoutConsent}, {@code doubleOptIn}) changed: who it is to hold of
 * the existing records may have changed too, so the records it has no link for are to be offered to it again (those the
 * earlier setting skipped would otherwise wait for a change of their own). Published after the edit is stored.
 */
public record ConsentSettingsChanged(String tenantId, String connectionId) {}
