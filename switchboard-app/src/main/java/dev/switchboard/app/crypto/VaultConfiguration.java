package dev.switchboard.app.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the {@link Vault}. The master key comes from {@code SWITCHBOARD_MASTER_KEY} (base64 of 32 random
 * bytes); when it is absent, one is generated into {@code <data-dir>/master.key} with 0600 permissions and a
 * warning is logged, so that the zero-setup default still encrypts at rest.
 */
@Configuration(proxyBeanMethods = false)
class VaultConfiguration {
  private static final Logger log = LoggerFactory.getLogger(VaultConfiguration.class);

  @Bean
  Vault vault(@Value("${switchboard.master-key:}") String masterKey,
      @Value("${switchboard.data-dir:./data}") String dataDir) throws IOException {
    if (!masterKey.isBlank()) {
      return new Vault(Base64.getDecoder().decode(masterKey.trim()));
    }
    Path file = Path.of(dataDir).resolve("master.key");
    if (Files.exists(file)) {
      log.warn("SWITCHBOARD_MASTER_KEY is not set; using the generated key in {}. Back it up: without it the "
          + "stored credentials and records cannot be decrypted.", file);
      return new Vault(Base64.getDecoder().decode(Files.readString(file).trim()));
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Files.createDirectories(file.getParent());
    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
    try {
      Files.setPosixFilePermissions(file, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
          java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
    } catch (UnsupportedOperationException e) {
      log.warn("cannot restrict permissions of {} on this file system", file);
    }
    log.warn("SWITCHBOARD_MASTER_KEY is not set; generated a new master key into {} (permissions {}). "
        + "Set SWITCHBOARD_MASTER_KEY in production.", file, PosixFilePermissions.toString(
            Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
    return new Vault(key);
  }
}
