package dev.switchboard.sandbox.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.intuit.ipp.core.Context;
import com.intuit.ipp.core.IEntity;
import com.intuit.ipp.core.ServiceType;
import com.intuit.ipp.data.Customer;
import com.intuit.ipp.data.EmailAddress;
import com.intuit.ipp.data.Invoice;
import com.intuit.ipp.data.Item;
import com.intuit.ipp.data.ItemTypeEnum;
import com.intuit.ipp.data.Line;
import com.intuit.ipp.data.LineDetailTypeEnum;
import com.intuit.ipp.data.LinkedTxn;
import com.intuit.ipp.data.OperationEnum;
import com.intuit.ipp.data.Payment;
import com.intuit.ipp.data.ReferenceType;
import com.intuit.ipp.data.SalesItemLineDetail;
import com.intuit.ipp.data.TelephoneNumber;
import com.intuit.ipp.exception.FMSException;
import com.intuit.ipp.security.OAuth2Authorizer;
import com.intuit.ipp.services.BatchOperation;
import com.intuit.ipp.services.CDCQueryResult;
import com.intuit.ipp.services.DataService;
import com.intuit.ipp.services.QueryResult;
import com.intuit.ipp.util.Config;
import dev.switchboard.sandbox.SandboxServer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the QuickBooks emulator with Intuit's official Java devkit (ipp-v3-java-devkit 6.4.2), unchanged
 * except for {@code Config.BASE_URL_QBO} (plus the devkit's proxy host/port, because 6.4.2 ignores the port of the
 * base URL); JSON serialization, gzip request compression as configured by default.
 */
class QuickBooksSdkTest {

  static SandboxServer sandbox;
  static String realm;
  DataService ds;

  @BeforeEach
  void connect() throws FMSException {
    sandbox = QboSandbox.fresh();
    realm = QboSandbox.REALM;
    ds = dataService(QboSandbox.TOKEN);
  }

  static DataService dataService(String token) throws FMSException {
    Config.setProperty(Config.BASE_URL_QBO, sandbox.baseUrl() + "/quickbooks/v3/company");
    // devkit 6.4.2 drops the port of BASE_URL_QBO (HTTPClientConnectionInterceptor: new HttpHost(host, -1, scheme)),
    // so the sandbox's port is reached through the devkit's own proxy settings; the request line stays absolute.
    Config.setProperty(Config.PROXY_HOST, "127.0.0.1");
    Config.setProperty(Config.PROXY_PORT, String.valueOf(sandbox.port()));
    Config.setProperty(Config.SERIALIZATION_REQUEST_FORMAT, "json");
    Config.setProperty(Config.SERIALIZATION_RESPONSE_FORMAT, "json");
    return new DataService(new Context(new OAuth2Authorizer(token), ServiceType.QBO, realm));
  }

  static Customer customer(String name, String email) {
    Customer c = new Customer();
    c.setDisplayName(name);
    c.setGivenName(name.split(" ")[0]);
    EmailAddress e = new EmailAddress();
    e.setAddress(email);
    c.setPrimaryEmailAddr(e);
    TelephoneNumber p = new TelephoneNumber();
    p.setFreeFormNumber("(555) 555-0100");
    c.setPrimaryPhone(p);
    return c;
  }

  static ReferenceType ref(String id) {
    ReferenceType r = new ReferenceType();
    r.setValue(id);
    return r;
  }

  @Test
  void customerLifecycle_addFindSparseUpdateQueryAndStaleToken() throws FMSException {
    Customer created = ds.add(customer("Ada Lovelace", "ada@example.com"));
    assertThat(created.getId()).isNotBlank();
    assertThat(created.getSyncToken()).isEqualTo("0");
    assertThat(created.getMetaData().getCreateTime()).isNotNull();
    assertThat(created.getPrimaryEmailAddr().getAddress()).isEqualTo("ada@example.com");
    assertThat(created.isActive()).isTrue();

    Customer probe = new Customer();
    probe.setId(created.getId());
    Customer found = ds.findById(probe);
    assertThat(found.getDisplayName()).isEqualTo("Ada Lovelace");

    Customer sparse = new Customer();
    sparse.setId(found.getId());
    sparse.setSyncToken(found.getSyncToken());
    sparse.setSparse(true);
    sparse.setFamilyName("Byron");
    Customer updated = ds.update(sparse);
    assertThat(updated.getSyncToken()).isEqualTo("1");
    assertThat(updated.getFamilyName()).isEqualTo("Byron");
    assertThat(updated.getPrimaryEmailAddr().getAddress()).isEqualTo("ada@example.com"); // sparse keeps the rest

    List<? extends IEntity> hits = ds.executeQuery("select * from Customer where DisplayName = 'Ada Lovelace'").getEntities();
    assertThat(hits).hasSize(1);
    assertThat(((Customer) hits.getFirst()).getFamilyName()).isEqualTo("Byron");

    // Intuit's JSON fault type is "ValidationFault"; devkit 6.4.2 maps only type "Validation" to ValidationException,
    // so (as against QBO itself) the devkit raises a plain FMSException carrying the fault's code.
    sparse.setSyncToken("0"); // stale
    assertThatThrownBy(() -> ds.update(sparse)).isInstanceOf(FMSException.class)
        .satisfies(e -> assertThat(((FMSException) e).getErrorList().getFirst().getCode()).isEqualTo("5010"));

    assertThatThrownBy(() -> ds.add(customer("ada lovelace", "other@example.com"))).isInstanceOf(FMSException.class)
        .satisfies(e -> assertThat(((FMSException) e).getErrorList().getFirst().getCode()).isEqualTo("6240"));

    Customer deactivate = new Customer();
    deactivate.setId(updated.getId());
    deactivate.setSyncToken(updated.getSyncToken());
    deactivate.setSparse(true);
    deactivate.setActive(false);
    assertThat(ds.update(deactivate).isActive()).isFalse();
    assertThat(ds.executeQuery("select * from Customer").getEntities()).isNullOrEmpty();
    assertThat(ds.executeQuery("select * from Customer where Active = false").getEntities()).hasSize(1);
  }

  @Test
  void paging_withStartPositionAndMaxResults_andCount() throws FMSException {
    for (int i = 1; i <= 7; i++) {
      ds.add(customer("Pager " + i, "p" + i + "@example.com"));
    }
    QueryResult first = ds.executeQuery("SELECT * FROM Customer ORDERBY DisplayName STARTPOSITION 1 MAXRESULTS 3");
    QueryResult third = ds.executeQuery("SELECT * FROM Customer ORDERBY DisplayName STARTPOSITION 7 MAXRESULTS 3");
    assertThat(first.getEntities()).hasSize(3);
    assertThat(first.getStartPosition()).isEqualTo(1);
    assertThat(first.getMaxResults()).isEqualTo(3);
    assertThat(((Customer) first.getEntities().getFirst()).getDisplayName()).isEqualTo("Pager 1");
    assertThat(third.getEntities()).hasSize(1);
    assertThat(ds.executeQuery("SELECT COUNT(*) FROM Customer").getTotalCount()).isEqualTo(7);
  }

  @Test
  void itemInvoicePayment_deleteInvoice_andCdc() throws FMSException {
    Instant start = Instant.now().minusSeconds(2);
    Customer c = ds.add(customer("Grace Hopper", "grace@example.com"));
    Item item = new Item();
    item.setName("Consulting");
    item.setType(ItemTypeEnum.SERVICE);
    item.setUnitPrice(new BigDecimal("150"));
    item.setIncomeAccountRef(ref("1"));
    item = ds.add(item);

    Invoice inv = new Invoice();
    inv.setCustomerRef(ref(c.getId()));
    Line line = new Line();
    line.setDetailType(LineDetailTypeEnum.SALES_ITEM_LINE_DETAIL);
    SalesItemLineDetail d = new SalesItemLineDetail();
    d.setItemRef(ref(item.getId()));
    d.setQty(new BigDecimal("2"));
    d.setUnitPrice(new BigDecimal("150"));
    line.setSalesItemLineDetail(d);
    inv.setLine(List.of(line));
    inv = ds.add(inv);
    assertThat(inv.getTotalAmt()).isEqualByComparingTo("300");
    assertThat(inv.getBalance()).isEqualByComparingTo("300");
    assertThat(inv.getDueDate()).isNotNull();

    Payment pay = new Payment();
    pay.setCustomerRef(ref(c.getId()));
    pay.setTotalAmt(new BigDecimal("100"));
    Line pl = new Line();
    pl.setAmount(new BigDecimal("100"));
    LinkedTxn lt = new LinkedTxn();
    lt.setTxnId(inv.getId());
    lt.setTxnType("Invoice");
    pl.setLinkedTxn(List.of(lt));
    pay.setLine(List.of(pl));
    pay = ds.add(pay);
    assertThat(pay.getUnappliedAmt()).isEqualByComparingTo("0");

    Invoice reread = ds.findById(inv);
    assertThat(reread.getBalance()).isEqualByComparingTo("200");
    Customer cr = ds.findById(c);
    assertThat(cr.getBalance()).isEqualByComparingTo("200");

    Invoice deleted = ds.delete(reread);
    assertThat(deleted.getStatus().value()).isEqualTo("Deleted");
    assertThatThrownBy(() -> ds.findById(reread)).isInstanceOf(FMSException.class);

    List<CDCQueryResult> cdc = ds.executeCDCQuery(List.of(new Customer(), new Invoice(), new Payment()),
        java.time.format.DateTimeFormatter.ISO_INSTANT.format(start));
    Map<String, QueryResult> byType = cdc.getFirst().getQueryResults();
    assertThat(byType.get("Customer").getEntities()).hasSize(1);
    assertThat(byType.get("Payment").getEntities()).hasSize(1);
    Invoice tombstone = (Invoice) byType.get("Invoice").getEntities().getFirst();
    assertThat(tombstone.getId()).isEqualTo(inv.getId());
    assertThat(tombstone.getStatus().value()).isEqualTo("Deleted");
  }

  @Test
  void batch_createQueryAndFault() throws FMSException {
    ds.add(customer("Existing", "e@example.com"));
    BatchOperation batch = new BatchOperation();
    batch.addEntity(customer("Batch One", "b1@example.com"), OperationEnum.CREATE, "b1");
    batch.addEntity(customer("Existing", "dup@example.com"), OperationEnum.CREATE, "b2");
    batch.addQuery("select * from Customer where DisplayName = 'Existing'", "b3");
    ds.executeBatch(batch);
    assertThat(((Customer) batch.getEntity("b1")).getId()).isNotBlank();
    assertThat(batch.isFault("b2")).isTrue();
    assertThat(batch.getFault("b2").getError().getFirst().getCode()).isEqualTo("6240");
    assertThat(batch.getQueryResponse("b3").getEntities()).hasSize(1);
  }

  @Test
  void fullUpdate_clearsOmittedFields_andThrottlingIsAServiceException() throws FMSException {
    Customer c = ds.add(customer("Full Update", "full@example.com"));
    Customer full = new Customer();
    full.setId(c.getId());
    full.setSyncToken(c.getSyncToken());
    full.setDisplayName("Full Update");
    Customer after = ds.update(full);
    assertThat(after.getPrimaryEmailAddr()).isNull();
    assertThat(after.getGivenName()).isNull();

    sandbox.context().getBean(QuickBooksVendor.class).configure(Map.of("requestsPerMinute", 2));
    // the add and update above already used this minute's 2 requests (per-minute window: no timing dependence)
    assertThatThrownBy(() -> {
      ds.findById(after);
      ds.findById(after);
    }).isInstanceOf(com.intuit.ipp.exception.ServiceException.class)
        .satisfies(e -> assertThat(((FMSException) e).getErrorList().getFirst().getCode()).isEqualTo("3001"));
  }

  @Test
  void invalidToken_isAnAuthenticationFault() throws FMSException {
    DataService bad = dataService("not-a-token");
    assertThatThrownBy(() -> bad.findAll(new Customer())).isInstanceOf(com.intuit.ipp.exception.AuthenticationException.class);
  }
}
