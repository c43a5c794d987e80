package dev.switchboard.app.connectors.tck;

/**
 * Associations between objects, made and removed at the vendor as a user does (not through the connector), for
 * {@link AssociationContract}: the binding's objects are the "from" end, the target type's the "to" end.
 */
interface AssociationFixture {

  /** The canonical label and target type the connector reports the association under ({@code company}). */
  String label();

  String targetType();

  /**
   * Whether {@link #createWithPrimary} makes the association the primary one of its label (a contact's primary company);
   * false for a pair HubSpot has no Primary label for (an engagement's contact), whose association reads as plain.
   */
  default boolean primary() {
    return true;
  }

  /** Creates an object of the target type named {@code tagValue}; returns its id. */
  String createTarget(String tagValue);

  /** Creates an object of the binding's type named {@code tagValue}, with {@code targetId} as its primary. */
  String createWithPrimary(String tagValue, String targetId);

  /** Removes every association between the two objects. */
  void remove(String fromId, String targetId);
}
