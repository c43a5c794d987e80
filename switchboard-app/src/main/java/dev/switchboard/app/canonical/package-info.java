/**
 * The canonical data model every connector maps to and from. Pure functions and immutable values, no Spring beans
 * with state, shared by all modules.
 *
 * <ul>
 *   <li>Contacts as the sync engine holds them today: {@link dev.switchboard.app.canonical.ContactField} names, the
 *       {@link dev.switchboard.app.canonical.CanonicalRecord} value and {@link dev.switchboard.app.canonical.ContactCleaner}.
 *   <li>The spine model that replaces them: typed {@link dev.switchboard.app.canonical.Value}s, each canonical by
 *       construction with one equality; {@link dev.switchboard.app.canonical.ValueType} (a field's declared type
 *       and clean-up rule); {@link dev.switchboard.app.canonical.ValueJson} (the one storage form);
 *       {@link dev.switchboard.app.canonical.Money} and a vendor's minor units
 *       ({@link dev.switchboard.app.canonical.MinorUnits}); the cleaners ({@link dev.switchboard.app.canonical.EmailCleaner},
 *       {@link dev.switchboard.app.canonical.PhoneCleaner}, {@link dev.switchboard.app.canonical.PersonNames},
 *       {@link dev.switchboard.app.canonical.CompanyNames}, {@link dev.switchboard.app.canonical.AddressCleaner},
 *       {@link dev.switchboard.app.canonical.Domains}, {@link dev.switchboard.app.canonical.UrlCleaner}); and the
 *       registry of canonical types in {@code canonical.model}.
 *   <li>{@link dev.switchboard.app.canonical.Pii}: redaction of personal data from free text.
 * </ul>
 *
 * <p>Every refusal is a {@link dev.switchboard.app.canonical.CanonicalException} with a stable error code and the
 * field at fault.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.canonical;
