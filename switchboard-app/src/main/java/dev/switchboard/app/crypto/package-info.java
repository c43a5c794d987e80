/**
 * Encryption at rest and tokenization: {@link dev.switchboard.app.crypto.Vault} encrypts credentials and
 * personal data with Tink AEAD (AES-256-GCM) under keys derived from the master key, and computes blind
 * indexes (HMAC) so that records can be matched by e-mail or phone without storing them in clear.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.crypto;
