package dev.switchboard.app.access;

/**
 * Everything a member may or may not be allowed to do; reading the console is not an action (every member may).
 * {@link Permissions} says which role may take which.
 */
public enum Action {
  CONNECT("connect an account"),
  RECONNECT("reconnect, update credentials, pause and resume a connection"),
  DISCONNECT("disconnect (delete) a connection"),
  TENANT_SETTINGS("tenant settings (organisation name, default phone region, time zone)"),
  INSTANCE_SETTINGS("instance settings (OAuth client ids and secrets, SMTP, public URL)"),
  TOKENS("issue, list and revoke API tokens"),
  USERS("invite and remove users, change roles"),
  MAPPINGS("change field mappings"),
  MERGE("merge, split and keep apart records"),
  REPLAY("replay and discard failed writes"),
  ERASE("erase a person's data"),
  RETENTION("change data retention"),
  VIEW_PII("see personal data unmasked"),
  OWN_PASSWORD("change one's own password and e-mail address");

  private final String description;

  Action(String description) {
    this.description = description;
  }

  /** What the action is, in words (the README's permission table). */
  public String description() {
    return description;
  }
}
