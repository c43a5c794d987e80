/**
 * The canonical data model every connector maps to and from: {@link dev.switchboard.app.canonical.ContactField}
 * names, the {@link dev.switchboard.app.canonical.CanonicalRecord} value, and the clean-up rules
 * ({@link dev.switchboard.app.canonical.ContactCleaner}) applied to every inbound value before identity
 * resolution and merge. Pure functions, no Spring beans with state, shared by all modules.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.canonical;
