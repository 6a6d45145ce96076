// Statement import on both back ends (docs/statements.md "Importing a
// statement"): a file imported twice or overlapping adds nothing twice; money
// in is matched to the council's payment, never posted again; a reversal
// undoes its original; a closing balance that differs is an exception; a file
// for another account is refused whole; an import killed half way leaves
// nothing and a re-run completes it; and a worker's category is learned.
#include <gtest/gtest.h>

#include "fresh_database.hpp"
#include "services/ledger_service.hpp"
#include "services/statements_service.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/ledger_repository.hpp"
#include "storage/repositories/payments_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/statements_repository.hpp"

namespace patchwork::storage {
namespace {

namespace io = patchwork::io::statements;
using Outcome = services::StatementImportResult::Outcome;

constexpr const char* kHeader = "Id,Date,Payee,Description,Reference,Amount,Balance\n";

class StatementsStorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    fresh_ = std::make_unique<FreshDatabase>(GetParam());
    lease_ = std::make_unique<Database::Lease>(fresh_->db().acquire());
    migrate(c());
    Transaction tx(c(), TxMode::Write);
    council_ = insert_council(c(), "E06000001", "North");
    person_ = insert_person(c(), {PersonId(), council_, "Edith", "B", CivilDate(1940, 1, 1), std::nullopt, std::nullopt});
    accounts::User u;
    u.council_id = council_;
    u.username = "fin";
    u.display_name = "Fin";
    u.role = access::Role::FinanceOfficer;
    u.password_hash = "x";
    user_ = insert_user(c(), u);
    holding_ = services::holding_account(c(), council_, person_, "A", budgets::Mechanism::DirectPayment).value();
    funding_ = services::council_account(c(), council_, ledger::AccountKind::CouncilFunding).value();
    // The council paid £500.00 on 2 November ("pay:" as a payment run does).
    const std::vector<ledger::Transfer> paid{
        {"pay:" + std::to_string(person_.value()) + ":A:2026-11-02", funding_, holding_, Money::from_pence(50000), CivilDate(2026, 11, 2),
         "Payment", std::nullopt}};
    services::post(c(), council_, paid).value();
    tx.commit();
  }
  void TearDown() override {
    lease_.reset();
    fresh_.reset();
  }
  Connection& c() { return **lease_; }

  // One import in its own transaction, committed only when imported, as the CLI and API do.
  services::StatementImportResult import(const std::string& text, io::ImportChoice choice = io::ImportChoice::AllOrNothing,
                                         std::optional<statements::Format> format = statements::Format::Csv,
                                         std::string mapping = "patchwork") {
    Transaction tx(c(), TxMode::Write);
    services::StatementImportRequest req;
    req.council = council_;
    req.account = holding_;
    req.format = format;
    req.mapping = format == statements::Format::Csv ? mapping : "";
    req.file_name = "test";
    req.choice = choice;
    req.by = user_;
    auto r = services::import_statement(c(), req, io::source_from_text(text));
    EXPECT_TRUE(r.has_value());
    if (r->outcome == Outcome::Imported) tx.commit();
    return *r;
  }
  std::size_t transfers() {
    Transaction tx(c(), TxMode::Read);
    return all_council_transfers(c(), council_).size();
  }
  std::vector<StatementLineRow> lines() {
    Transaction tx(c(), TxMode::Read);
    return list_statement_lines(c(), council_, holding_, CivilDate(2000, 1, 1), CivilDate(2099, 1, 1));
  }
  std::vector<StatementExceptionRow> exceptions() {
    Transaction tx(c(), TxMode::Read);
    return account_statement_exceptions(c(), council_, holding_);
  }
  Money held(CivilDate on) {
    Transaction tx(c(), TxMode::Read);
    return ledger_balance(c(), council_, holding_, on);
  }
  std::vector<StatementImportRow> imports() {
    Transaction tx(c(), TxMode::Read);
    return list_statement_imports(c(), council_, holding_);
  }

  std::string pay_id() const { return "pay:" + std::to_string(person_.value()) + ":A:2026-11-02"; }

  std::unique_ptr<FreshDatabase> fresh_;
  std::unique_ptr<Database::Lease> lease_;
  CouncilId council_;
  PersonId person_;
  UserId user_;
  ledger::AccountId holding_ = 0, funding_ = 0;
};

// The council's payment, then two spends the defaults know (HMRC, Fish Insurance).
std::string november() {
  return std::string(kHeader) +
         "B1,2026-11-03,NORTHSHIRE COUNCIL,Direct payment,PB1 A 02NOV26,500.00,500.00\n"
         "B2,2026-11-10,HMRC,PAYE,,-60.00,440.00\n"
         "B3,2026-11-12,FISH INSURANCE,Employer's liability,,-40.00,400.00\n";
}

TEST_P(StatementsStorageTest, ImportingTwiceAddsNothingTheSecondTime) {
  auto first = import(november());
  ASSERT_EQ(first.outcome, Outcome::Imported) << first.refusal;
  EXPECT_EQ(first.totals.lines_read, 3);
  EXPECT_EQ(first.totals.lines_added, 3);
  EXPECT_EQ(first.totals.lines_matched, 1);
  EXPECT_EQ(first.totals.exceptions, 0);
  const auto after_first = transfers();
  EXPECT_EQ(after_first, 3u);  // the payment, and two spends: the money in is matched, not posted again
  EXPECT_EQ(held(CivilDate(2026, 11, 30)), Money::from_pence(40000));

  auto second = import(november());
  ASSERT_EQ(second.outcome, Outcome::Imported);
  EXPECT_EQ(second.totals.lines_added, 0);
  EXPECT_EQ(second.totals.lines_already, 3);
  EXPECT_EQ(transfers(), after_first);
  EXPECT_EQ(lines().size(), 3u);
  EXPECT_EQ(held(CivilDate(2026, 11, 30)), Money::from_pence(40000));
}

TEST_P(StatementsStorageTest, MoneyInIsMatchedToTheCouncilsPaymentOnce) {
  ASSERT_EQ(import(november()).outcome, Outcome::Imported);
  auto all = lines();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].transfer_id, pay_id());
  // A second £500 in, with another bank id: the payment is taken, so it is an exception.
  auto again = import(std::string(kHeader) + "B9,2026-11-04,NORTHSHIRE COUNCIL,Direct payment,,500.00,\n");
  ASSERT_EQ(again.outcome, Outcome::Imported);
  EXPECT_EQ(again.totals.lines_matched, 0);
  ASSERT_EQ(again.exceptions.size(), 1u);
  EXPECT_EQ(again.exceptions[0].kind, "unknown_reference");
  EXPECT_EQ(transfers(), 3u);
}

TEST_P(StatementsStorageTest, OverlappingStatementsAddEachLineOnce) {
  // Without bank ids: lines are known by their fingerprint, two identical
  // coffees on one day included.
  const std::string head = "Id,Date,Payee,Description,Reference,Amount,Balance\n";
  auto a = import(head + ",2026-11-03,NORTHSHIRE COUNCIL,Direct payment,,500.00,500.00\n"
                         ",2026-11-05,CAFE,coffee,,-2.80,497.20\n"
                         ",2026-11-05,CAFE,coffee,,-2.80,494.40\n",
                  io::ImportChoice::AllOrNothing);
  ASSERT_EQ(a.outcome, Outcome::Imported);
  // CAFE is not known: two uncategorised exceptions, one for each coffee.
  EXPECT_EQ(a.totals.lines_added, 3);
  auto b = import(head + ",2026-11-05,CAFE,coffee,,-2.80,497.20\n"
                         ",2026-11-05,CAFE,coffee,,-2.80,494.40\n"
                         ",2026-11-10,HMRC,PAYE,,-60.00,434.40\n");
  ASSERT_EQ(b.outcome, Outcome::Imported);
  EXPECT_EQ(b.totals.lines_already, 2);
  EXPECT_EQ(b.totals.lines_added, 1);
  EXPECT_EQ(lines().size(), 4u);
}

// The same spending from another statement whose bank gave it another id
// (its CSV after its OFX) is a possible duplicate, held as an exception, not
// posted; two such lines in one statement are two spendings. The check looks
// only at lines of earlier imports (docs/performance.md: it was quadratic).
TEST_P(StatementsStorageTest, TheSameSpendingWithAnotherBankIdFromAnotherStatementIsAPossibleDuplicate) {
  auto first = import(std::string(kHeader) + "B1,2026-11-03,NORTHSHIRE COUNCIL,Direct payment,PB1 A 02NOV26,500.00,\n"
                                             "B2,2026-11-10,HMRC,PAYE,,-60.00,\n"
                                             "B3,2026-11-10,HMRC,PAYE,,-60.00,\n");
  ASSERT_EQ(first.outcome, Outcome::Imported) << first.refusal;
  EXPECT_EQ(first.totals.lines_added, 3);
  EXPECT_EQ(first.totals.exceptions, 0);  // the same words twice in one statement: both posted
  const auto posted = transfers();
  EXPECT_EQ(held(CivilDate(2026, 11, 30)), Money::from_pence(38000));

  auto other = import(std::string(kHeader) + "X7,2026-11-10,HMRC,paye,,-60.00,\n"
                                             "X8,2026-11-11,HMRC,PAYE,,-60.00,\n");
  ASSERT_EQ(other.outcome, Outcome::Imported) << other.refusal;
  EXPECT_EQ(other.totals.lines_added, 2);
  ASSERT_EQ(other.exceptions.size(), 1u);  // X8 is another day: posted
  EXPECT_EQ(other.exceptions[0].kind, "duplicate");
  EXPECT_EQ(other.exceptions[0].source_line, 2u);
  EXPECT_EQ(transfers(), posted + 1);
  EXPECT_EQ(held(CivilDate(2026, 11, 30)), Money::from_pence(32000));
}

TEST_P(StatementsStorageTest, AReversalUndoesItsOriginal) {
  const std::string camt = R"(<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr><Stmt><Id>S1</Id>
<Acct><Id><IBAN>GB29NWBK60161331926819</IBAN></Id><Ccy>GBP</Ccy></Acct>
<Ntry><NtryRef>R1</NtryRef><Amt Ccy="GBP">60.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-11-10</Dt></BookgDt><AcctSvcrRef>A-1</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Cdtr><Pty><Nm>HMRC</Nm></Pty></Cdtr></RltdPties></TxDtls></NtryDtls></Ntry>
<Ntry><NtryRef>R2</NtryRef><Amt Ccy="GBP">60.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-11-11</Dt></BookgDt><AcctSvcrRef>A-2</AcctSvcrRef></Ntry>
<Ntry><NtryRef>R3</NtryRef><Amt Ccy="GBP">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-11-12</Dt></BookgDt><AcctSvcrRef>A-3</AcctSvcrRef></Ntry>
</Stmt></BkToCstmrStmt></Document>
)";
  auto r = import(camt, io::ImportChoice::AllOrNothing, statements::Format::Camt053);
  ASSERT_EQ(r.outcome, Outcome::Imported) << r.refusal;
  EXPECT_EQ(held(CivilDate(2026, 11, 30)), Money::from_pence(50000));  // spent, then given back
  auto all = lines();
  ASSERT_EQ(all.size(), 3u);
  ASSERT_TRUE(all[1].transfer_id);
  EXPECT_TRUE(all[1].transfer_id->starts_with("reversal:"));
  // The £5.00 reversal undoes nothing imported: an exception, not a guess.
  ASSERT_EQ(r.exceptions.size(), 1u);
  EXPECT_EQ(r.exceptions[0].kind, "reversal_without_original");
}

TEST_P(StatementsStorageTest, AClosingBalanceTheLedgerDoesNotHoldIsAnException) {
  // The bank says £390.00 at the end; the ledger holds £400.00.
  auto r = import(std::string(kHeader) + "B1,2026-11-03,NORTHSHIRE COUNCIL,Direct payment,,500.00,500.00\n"
                                         "B2,2026-11-10,HMRC,PAYE,,-60.00,440.00\n"
                                         "B3,2026-11-12,FISH INSURANCE,Employer's liability,,-40.00,390.00\n");
  ASSERT_EQ(r.outcome, Outcome::Imported) << r.refusal;
  ASSERT_EQ(r.exceptions.size(), 1u);
  EXPECT_EQ(r.exceptions[0].kind, "balance_mismatch");
  EXPECT_EQ(r.exceptions[0].amount_pence, -1000);
  EXPECT_NE(r.exceptions[0].detail.find("£390.00"), std::string::npos);
  // Imported again: the same open difference is not raised twice.
  auto again = import(std::string(kHeader) + "B3,2026-11-12,FISH INSURANCE,Employer's liability,,-40.00,390.00\n");
  EXPECT_EQ(again.totals.exceptions, 0);
  // The balances agree when they do: no exception.
  EXPECT_EQ(import(november()).totals.exceptions, 0);
}

TEST_P(StatementsStorageTest, AStatementForAnotherAccountIsRefusedWhole) {
  {
    Transaction tx(c(), TxMode::Write);
    payments::BankDetails b;
    b.council_id = council_;
    b.person_id = person_;
    b.part_key = "A";
    b.account_name = "Edith B";
    b.sort_code = "309634";
    b.account_number = "87654321";
    insert_bank_details(c(), b, user_);
    tx.commit();
  }
  std::string ofx = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\n"
                    "OLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>GBP<BANKACCTFROM><BANKID>30-96-34"
                    "<ACCTID>12345678<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST><DTSTART>20261101<DTEND>20261130<STMTTRN><TRNTYPE>DEBIT"
                    "<DTPOSTED>20261110<TRNAMT>-60.00<FITID>F1<NAME>HMRC</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
  const auto before = transfers();
  services::StatementImportRequest req;
  services::StatementImportResult r;
  {
    Transaction tx(c(), TxMode::Write);
    req.council = council_;
    req.account = holding_;
    req.format = statements::Format::Ofx;
    req.file_name = "other.ofx";
    r = services::import_statement(c(), req, io::source_from_text(ofx)).value();
  }
  ASSERT_EQ(r.outcome, Outcome::WrongAccount);
  EXPECT_NE(r.refusal.find("ending 4321"), std::string::npos) << r.refusal;
  {
    Transaction tx(c(), TxMode::Write);
    services::record_wrong_account(c(), req, r);
    tx.commit();
  }
  EXPECT_EQ(transfers(), before);
  EXPECT_TRUE(lines().empty());
  auto ex = exceptions();
  ASSERT_EQ(ex.size(), 1u);
  EXPECT_EQ(ex[0].kind, "wrong_account");
  ASSERT_EQ(imports().size(), 1u);
  EXPECT_EQ(imports()[0].state, "refused");
  // The same file with this account's number is imported.
  auto pos = ofx.find("12345678");
  ofx.replace(pos, 8, "87654321");
  auto ok = import(ofx, io::ImportChoice::AllOrNothing, statements::Format::Ofx);
  EXPECT_EQ(ok.outcome, Outcome::Imported) << ok.refusal;
}

TEST_P(StatementsStorageTest, AnInterruptedImportLeavesNothingAndARerunCompletesIt) {
  // Two thousand lines; the source fails after about half (as a killed
  // process would stop): the transaction never commits.
  std::string text = kHeader;
  text += "B0,2026-11-03,NORTHSHIRE COUNCIL,Direct payment,,500.00,\n";
  for (int i = 1; i <= 2000; ++i) text += "B" + std::to_string(i) + ",2026-11-10,HMRC,PAYE,,-0.01,\n";
  std::size_t offset = 0;
  bool fail = true;
  io::ByteSource source = [&](char* buffer, std::size_t size) -> std::size_t {
    if (fail && offset > text.size() / 2) throw std::runtime_error("killed");
    const std::size_t n = std::min(size, text.size() - offset);
    std::copy_n(text.data() + offset, n, buffer);
    offset += n;
    return n;
  };
  const auto before = transfers();
  auto run = [&]() -> std::optional<services::StatementImportResult> {
    Transaction tx(c(), TxMode::Write);
    services::StatementImportRequest req;
    req.council = council_;
    req.account = holding_;
    req.format = statements::Format::Csv;
    req.mapping = "patchwork";
    req.file_name = "big.csv";
    auto r = services::import_statement(c(), req, source);
    if (r && r->outcome == Outcome::Imported) tx.commit();
    return r ? std::optional(*r) : std::nullopt;
  };
  EXPECT_THROW(run(), std::runtime_error);
  EXPECT_EQ(transfers(), before);
  EXPECT_TRUE(lines().empty());
  EXPECT_TRUE(imports().empty());
  fail = false;
  offset = 0;
  auto done = run();
  ASSERT_TRUE(done);
  ASSERT_EQ(done->outcome, Outcome::Imported) << done->refusal;
  EXPECT_EQ(done->totals.lines_added, 2001);
  EXPECT_EQ(transfers(), before + 2000);
  EXPECT_EQ(held(CivilDate(2026, 11, 30)), Money::from_pence(50000 - 2000));
}

TEST_P(StatementsStorageTest, AWorkersCategoryIsLearnedAndUsedByTheNextImport) {
  auto r = import(std::string(kHeader) + "B1,2026-11-03,NORTHSHIRE COUNCIL,Direct payment,,500.00,\n"
                                         "B2,2026-11-06,J SMITH,wages,,-120.00,\n");
  ASSERT_EQ(r.outcome, Outcome::Imported);
  ASSERT_EQ(r.exceptions.size(), 1u);
  EXPECT_EQ(r.exceptions[0].kind, "uncategorised");
  const auto before = transfers();
  {
    Transaction tx(c(), TxMode::Write);
    auto worked = services::categorise_exception(c(), council_, r.exceptions[0].id, "pa_wages", user_, "fin");
    ASSERT_TRUE(worked.has_value()) << worked.error().front().message;
    EXPECT_EQ(worked->exception.state, "resolved");
    EXPECT_NE(worked->outcome.find("learned"), std::string::npos);
    tx.commit();
  }
  EXPECT_EQ(transfers(), before + 1);
  // Next week's wages to the same PA, another amount: categorised by what was learned.
  auto next = import(std::string(kHeader) + "B3,2026-11-13,J SMITH,wages,,-130.00,\n");
  ASSERT_EQ(next.outcome, Outcome::Imported);
  EXPECT_EQ(next.totals.exceptions, 0);
  auto all = lines();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].category, "pa_wages");
  // Working it twice is refused.
  Transaction tx(c(), TxMode::Write);
  EXPECT_FALSE(services::close_exception(c(), council_, r.exceptions[0].id, "again", user_).has_value());
}

TEST_P(StatementsStorageTest, ABadLineRefusesTheFileOrIsListedAsTheUserChooses) {
  const std::string text = std::string(kHeader) + "B1,2026-11-03,NORTHSHIRE COUNCIL,Direct payment,,500.00,\n"
                                                  "B2,2026-11-10,HMRC,PAYE,,-60.005,\n"
                                                  "B3,2026-11-12,FISH INSURANCE,cover,,-40.00,\n";
  auto all = import(text);
  EXPECT_EQ(all.outcome, Outcome::Refused);
  EXPECT_NE(all.refusal.find("line 3"), std::string::npos) << all.refusal;
  EXPECT_TRUE(lines().empty());
  EXPECT_TRUE(imports().empty());
  auto some = import(text, io::ImportChoice::WithoutRejectedLines);
  ASSERT_EQ(some.outcome, Outcome::Imported);
  EXPECT_EQ(some.totals.lines_added, 2);
  EXPECT_EQ(some.totals.lines_rejected, 1);
  ASSERT_EQ(some.exceptions.size(), 1u);
  EXPECT_EQ(some.exceptions[0].kind, "rejected_line");
  EXPECT_EQ(some.exceptions[0].source_line, 3u);
}

TEST_P(StatementsStorageTest, ACutShortFileStoresNothing) {
  const std::string text = std::string(kHeader) + "B1,2026-11-03,NORTHSHIRE COUNCIL,\"Direct payment,,500.00,\n";
  auto r = import(text, io::ImportChoice::WithoutRejectedLines);
  EXPECT_EQ(r.outcome, Outcome::Refused);
  EXPECT_TRUE(lines().empty());
  EXPECT_TRUE(imports().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, StatementsStorageTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return std::string(backend_name(info.param)); });

}  // namespace
}  // namespace patchwork::storage
