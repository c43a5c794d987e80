package dev.switchboard.app.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing and the lookup of a signing-in user. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

  /**
   * Spring's delegating encoder: new hashes are bcrypt (adaptive), and the {@code {id}} prefix of each stored hash
   * lets a later default take over without invalidating older ones.
   */
  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /** A user signs in as a {@link Member}; one who belongs to no tenant cannot sign in (same error as unknown). */
  @Bean
  UserDetailsService members(Users users) {
    return username -> users.member(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
  }
}
