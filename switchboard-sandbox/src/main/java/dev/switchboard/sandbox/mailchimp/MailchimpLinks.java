package dev.switchboard.sandbox.mailchimp;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Mailchimp's hypermedia {@code _links} entries ({@code {rel, href, method}};
 * https://mailchimp.com/developer/marketing/docs/methods-parameters/). {@code href} is absolute against this
 * sandbox's {@code /mailchimp/3.0} when rendered inside a request, else relative to it. No {@code targetSchema}.
 */
final class MailchimpLinks {

  private MailchimpLinks() {}

  /** @param path an API path below {@code /3.0}, e.g. {@code /lists/abc/members} */
  static Map<String, Object> link(String rel, String path, String method) {
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("rel", rel);
    l.put("href", base() + path);
    l.put("method", method);
    return l;
  }

  private static String base() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
      HttpServletRequest r = a.getRequest();
      return r.getScheme() + "://" + r.getServerName() + ":" + r.getServerPort() + "/mailchimp/3.0";
    }
    return "";
  }
}
