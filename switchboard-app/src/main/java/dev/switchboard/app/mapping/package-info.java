/**
 * Which canonical fields flow to which system, and how: the default mapping files per vendor type plus the tenant's
 * overrides layered over them ({@link dev.switchboard.app.mapping.EffectiveMapping}, carried in connection settings).
 * The vendor-specific names live in the files and each connector's binding; this module decides what a target cares
 * about, so that a change to a field a target does not map causes no write there.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "canonical")
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.mapping;
