package dev.switchboard.app.canonical;

import java.util.Set;

/**
 * Domains of free and consumer mail providers. A contact at {@code gmail.com} says nothing about their employer, so
 * identity never links or creates companies by these domains. Written by hand: no maintained Java library ships
 * such a list; this one covers the providers that hold most consumer mailboxes in our users' markets, and whole
 * families where a provider registers one name under many country suffixes (yahoo.*, hotmail.*, outlook.*, live.*,
 * gmx.*, yandex.*, aol.*).
 */
final class FreeMailDomains {
  static final String FLAG = "free_mail_domain";

  private static final Set<String> DOMAINS = Set.of(
      "gmail.com", "googlemail.com", "msn.com", "passport.com", "ymail.com", "rocketmail.com", "icloud.com", "me.com",
      "mac.com", "protonmail.com", "protonmail.ch", "proton.me", "pm.me", "mail.com", "email.com", "web.de",
      "t-online.de", "freenet.de", "posteo.de", "mailbox.org", "zoho.com", "zohomail.com", "fastmail.com",
      "fastmail.fm", "hey.com", "tutanota.com", "tuta.io", "mail.ru", "inbox.ru", "list.ru", "bk.ru", "rambler.ru",
      "ya.ru", "qq.com", "163.com", "126.com", "yeah.net", "sina.com", "naver.com", "hanmail.net", "daum.net",
      "seznam.cz", "wp.pl", "o2.pl", "onet.pl", "interia.pl", "libero.it", "virgilio.it", "tiscali.it",
      "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "btinternet.com", "sky.com", "virginmedia.com",
      "blueyonder.co.uk", "ntlworld.com", "talktalk.net", "comcast.net", "verizon.net", "att.net", "sbcglobal.net",
      "bellsouth.net", "cox.net", "charter.net", "earthlink.net", "juno.com", "optonline.net", "shaw.ca",
      "rogers.com", "sympatico.ca", "bigpond.com", "optusnet.com.au", "xtra.co.nz", "rediffmail.com",
      "uol.com.br", "bol.com.br", "terra.com.br", "ziggo.nl", "kpnmail.nl", "home.nl", "planet.nl", "telenet.be",
      "skynet.be", "bluewin.ch", "hushmail.com", "lycos.com", "inbox.com", "aim.com");
  // First label of a registrable domain that marks a provider under any suffix: yahoo.co.uk, hotmail.fr, gmx.net.
  private static final Set<String> FAMILIES = Set.of("yahoo", "hotmail", "outlook", "live", "gmx", "yandex", "aol");

  private FreeMailDomains() {}

  /** @param registrable a registrable domain in canonical form */
  static boolean contains(String registrable) {
    int dot = registrable.indexOf('.');
    return DOMAINS.contains(registrable) || (dot > 0 && FAMILIES.contains(registrable.substring(0, dot)));
  }
}
