/**
 * Who may do what: users, their memberships of tenants with a {@link dev.switchboard.app.access.Role}, and the one
 * permission table ({@link dev.switchboard.app.access.Permissions}) that says which role may take which
 * {@link dev.switchboard.app.access.Action}. A signed-in user is a {@link dev.switchboard.app.access.Member}: the
 * tenant every console query is scoped to comes from it, never from configuration or the URL.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.access;
