package dev.switchboard.app.connectors;

/**
 * One association to make or remove at the vendor ({@link Connector#associate}, {@link Connector#dissociate}), between
 * two objects both linked in the connection.
 *
 * @param ref        caller's reference, echoed in the {@link EdgeWriteResult}
 * @param fromType   the vendor type of the "from" object ({@link VendorType#name()}: {@code contact} at HubSpot)
 * @param fromId     the "from" object's vendor id
 * @param label      the canonical edge label, one the binding declares ({@link AssociationKind#label()})
 * @param toType     the vendor type of the other object ({@code company} at HubSpot)
 * @param toId       the other object's vendor id
 * @param primary    the association is the primary one of its label (HubSpot's "Primary" company); ignored by
 *                   {@link Connector#dissociate}, which removes the association whatever its labels
 */
public record EdgeWrite(long ref, String fromType, String fromId, String label, String toType, String toId,
    boolean primary) {}
