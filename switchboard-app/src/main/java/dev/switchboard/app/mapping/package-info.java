/**
 * Which canonical fields flow to which system: the default mapping per connector plus the tenant's custom
 * field mappings (connection settings). The vendor-specific names live in each connector's mapper; this
 * module decides what a target cares about, so that a change to a field a target does not map causes no
 * write there.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "canonical")
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.mapping;
