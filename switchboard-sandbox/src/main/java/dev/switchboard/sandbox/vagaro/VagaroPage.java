package dev.switchboard.sandbox.vagaro;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Page-number paging, as clients of the live API page ({@code pageNumber} from 1, {@code pageSize}); the answer's
 * {@code data} carries the items under a named key plus {@code pageNumber, pageSize, totalRecords, nextPage}
 * ({@code nextPage} null on the last page). Defaults and cap (25, at most 100) are assumptions.
 */
final class VagaroPage {

  static final int DEFAULT_SIZE = 25;
  static final int MAX_SIZE = 100;

  private VagaroPage() {}

  static <T> Map<String, Object> of(String name, List<T> items, Map<String, Object> body, Function<T, Object> render) {
    Integer number = VagaroRequest.integer(body, "pageNumber");
    Integer size = VagaroRequest.integer(body, "pageSize");
    int page = number == null ? 1 : number;
    int pageSize = size == null ? DEFAULT_SIZE : size;
    if (page < 1) {
      throw VagaroException.invalid("pageNumber", "pageNumber must be 1 or more.");
    }
    if (pageSize < 1 || pageSize > MAX_SIZE) {
      throw VagaroException.invalid("pageSize", "pageSize must be between 1 and " + MAX_SIZE + ".");
    }
    long from = (long) (page - 1) * pageSize;
    List<Object> slice = items.stream().skip(from).limit(pageSize).map(render).toList();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(name, slice);
    data.put("pageNumber", page);
    data.put("pageSize", pageSize);
    data.put("totalRecords", items.size());
    data.put("nextPage", from + pageSize < items.size() ? page + 1 : null);
    return data;
  }
}
