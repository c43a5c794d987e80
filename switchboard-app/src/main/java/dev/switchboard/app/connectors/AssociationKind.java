package dev.switchboard.app.connectors;

/**
 * An association a binding keeps between its objects of one type and objects of another, as the spine's edges
 * ({@code contact --company--> company}). The spine writes edges of a declared kind to the connection
 * ({@link Connector#associate}, {@link Connector#dissociate}) once both ends are linked there.
 *
 * @param label            the canonical edge label ({@code company}: a contact's company)
 * @param targetType       the canonical type of the other end ({@code company})
 * @param requiredAtCreate the vendor cannot create an object of this type without the reference (QuickBooks
 *                         {@code CustomerRef}, Stripe {@code invoice.customer}): the create waits until the other
 *                         end is linked in the connection, and then carries its id ({@link WriteRequest#references}).
 *                         Other kinds never block a create: they are written as edges afterwards
 */
public record AssociationKind(String label, String targetType, boolean requiredAtCreate) {}
